package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;

/**
 * Tesseract 5 (LSTM engine) through the JavaCPP preset, restricted to the MRZ alphabet and set up
 * for one line of text per call. A Tesseract instance is not thread-safe: calls are serialised.
 */
final class TesseractOcr implements OcrEngine {
  private final TessBaseAPI api;
  private boolean closed;

  TesseractOcr() {
    api = new TessBaseAPI();
    String data = TesseractData.folder().toString();
    if (api.Init(data, TesseractData.LANGUAGE, tesseract.OEM_LSTM_ONLY) != 0) {
      api.close();
      throw new BonafideException(
          ErrorCode.INTERNAL,
          "Tesseract could not load " + TesseractData.LANGUAGE + ".traineddata from " + data + " (npm package "
              + TesseractData.PACKAGE + ").");
    }
    mrzMode();
  }

  /** One MRZ line per call, its alphabet only. */
  private void mrzMode() {
    api.SetVariable("tessedit_char_whitelist", MRZ_ALPHABET);
    // lines come upscaled to a fixed text height, so the resolution guess must not rescale them
    api.SetVariable("user_defined_dpi", "300");
    // an MRZ is not dictionary text
    api.SetVariable("load_system_dawg", "0");
    api.SetVariable("load_freq_dawg", "0");
    api.SetPageSegMode(tesseract.PSM_SINGLE_LINE);
  }

  @Override
  public synchronized String readText(byte[] pixels, int width, int height) {
    checkState(!closed, "the OCR engine is closed");
    checkArgument(width > 0 && height > 0, "a block image has pixels, was %sx%s", width, height);
    checkArgument(pixels.length == width * height, "a grey block image has width*height bytes");
    // printed data: any characters, text laid out in sparse lines and columns
    api.SetVariable("tessedit_char_whitelist", "");
    api.SetPageSegMode(tesseract.PSM_SPARSE_TEXT);
    try {
      api.SetImage(pixels, width, height, 1, width);
      BytePointer utf8 = api.GetUTF8Text();
      if (utf8 == null || utf8.isNull()) {
        return "";
      }
      try {
        return utf8.getString(java.nio.charset.StandardCharsets.UTF_8).strip();
      } finally {
        utf8.deallocate();
      }
    } finally {
      api.Clear();
      mrzMode();
    }
  }

  @Override
  public synchronized List<Symbol> readSymbols(byte[] pixels, int width, int height) {
    checkState(!closed, "the OCR engine is closed");
    checkArgument(width > 0 && height > 0, "a line image has pixels, was %sx%s", width, height);
    checkArgument(pixels.length == width * height, "a grey line image has width*height bytes");
    api.SetImage(pixels, width, height, 1, width);
    List<Symbol> symbols = new ArrayList<>();
    try {
      if (api.Recognize(null) != 0) {
        return symbols;
      }
      ResultIterator it = api.GetIterator();
      if (it == null || it.isNull()) {
        return symbols;
      }
      try (IntPointer left = new IntPointer(1);
          IntPointer top = new IntPointer(1);
          IntPointer right = new IntPointer(1);
          IntPointer bottom = new IntPointer(1)) {
        do {
          BytePointer utf8 = it.GetUTF8Text(tesseract.RIL_SYMBOL);
          if (utf8 == null || utf8.isNull()) {
            continue;
          }
          String text = utf8.getString();
          utf8.deallocate();
          if (text.length() != 1 || MRZ_ALPHABET.indexOf(text.charAt(0)) < 0) {
            continue;
          }
          it.BoundingBox(tesseract.RIL_SYMBOL, left, top, right, bottom);
          double confidence = Math.max(0, Math.min(100, it.Confidence(tesseract.RIL_SYMBOL))) / 100.0;
          symbols.add(new Symbol(text.charAt(0), left.get(), right.get(), confidence));
        } while (it.Next(tesseract.RIL_SYMBOL));
      } finally {
        it.deallocate();
      }
      return symbols;
    } finally {
      api.Clear();
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      api.End();
      api.close();
    }
  }
}
