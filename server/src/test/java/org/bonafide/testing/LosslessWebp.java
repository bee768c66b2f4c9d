package org.bonafide.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

/**
 * A lossless WebP (VP8L) encoder for test fixtures, written from the WebP lossless bitstream
 * specification: no transforms, no colour cache, one prefix-code group in which every colour
 * channel is a complete 8-bit code (each value is its own 8-bit code word), alpha a one-symbol code.
 * The files are large (about 3 bytes a pixel) but every WebP decoder reads them, which is all a
 * test of a WebP upload needs.
 */
public final class LosslessWebp {
  /** The order in which the code-length code's lengths are written (the specification's). */
  private static final int[] CODE_LENGTH_ORDER = {17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  private LosslessWebp() {}

  public static byte[] encode(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (w < 1 || h < 1 || w > 16384 || h > 16384) {
      throw new IllegalArgumentException("VP8L holds 1 to 16384 pixels a side");
    }
    Bits bits = new Bits();
    bits.put(0x2f, 8); // signature
    bits.put(w - 1, 14);
    bits.put(h - 1, 14);
    bits.put(0, 1); // alpha is not used
    bits.put(0, 3); // version
    bits.put(0, 1); // no transform
    bits.put(0, 1); // no colour cache
    bits.put(0, 1); // no meta prefix codes
    eightBitCode(bits, 256 + 24); // green: literals 0-255, then the 24 length prefixes (unused)
    eightBitCode(bits, 256); // red
    eightBitCode(bits, 256); // blue
    oneSymbol(bits, 255); // alpha: always opaque, no bits per pixel
    oneSymbol(bits, 0); // distance: unused
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        codeWord(bits, (rgb >> 8) & 0xff, 8);
        codeWord(bits, (rgb >> 16) & 0xff, 8);
        codeWord(bits, rgb & 0xff, 8);
      }
    }
    byte[] data = bits.bytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int padded = data.length + (data.length & 1);
    out.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    le32(out, 4 + 8 + padded);
    out.writeBytes("WEBPVP8L".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    le32(out, data.length);
    out.writeBytes(data);
    if ((data.length & 1) == 1) {
      out.write(0);
    }
    return out.toByteArray();
  }

  /** A normal prefix code in which symbols 0-255 have length 8 and the rest of the alphabet none. */
  private static void eightBitCode(Bits bits, int alphabet) {
    bits.put(0, 1); // not a simple code
    bits.put(19 - 4, 4); // all 19 code-length-code lengths follow
    for (int symbol : CODE_LENGTH_ORDER) {
      // lengths 0-15 each get a 4-bit code word (16 x 2^-4: complete); repeat codes 16-18 are unused
      bits.put(symbol <= 15 ? 4 : 0, 3);
    }
    bits.put(0, 1); // max_symbol is the alphabet size
    for (int symbol = 0; symbol < alphabet; symbol++) {
      codeWord(bits, symbol < 256 ? 8 : 0, 4);
    }
  }

  private static void oneSymbol(Bits bits, int symbol) {
    bits.put(1, 1); // simple code
    bits.put(0, 1); // one symbol
    bits.put(1, 1); // written in 8 bits
    bits.put(symbol, 8);
  }

  /** A canonical code word, most significant bit first (the bit writer is least significant first). */
  private static void codeWord(Bits bits, int code, int length) {
    for (int i = length - 1; i >= 0; i--) {
      bits.put((code >> i) & 1, 1);
    }
  }

  private static void le32(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write((v >> 8) & 0xff);
    out.write((v >> 16) & 0xff);
    out.write((v >> 24) & 0xff);
  }

  /** Bits packed least significant first, as VP8L reads them. */
  private static final class Bits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long buffer;
    private int count;

    void put(int value, int n) {
      buffer |= ((long) value & ((1L << n) - 1)) << count;
      count += n;
      while (count >= 8) {
        out.write((int) (buffer & 0xff));
        buffer >>>= 8;
        count -= 8;
      }
    }

    byte[] bytes() {
      if (count > 0) {
        out.write((int) (buffer & 0xff));
        buffer = 0;
        count = 0;
      }
      return out.toByteArray();
    }
  }
}
