package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One line of text an OCR engine read.
 *
 * @param text the characters read, without spaces (only characters of the engine's alphabet)
 * @param confidence the engine's mean confidence for the line, 0-1
 */
record OcrLine(String text, double confidence) {
  OcrLine {
    checkArgument(text != null, "an OCR line has text (possibly empty)");
    checkArgument(confidence >= 0 && confidence <= 1, "an OCR confidence lies in 0-1, was %s", confidence);
  }
}
