package org.bonafide.document;

import java.util.OptionalInt;

/**
 * A bounded walk over BER-TLV (the encoding of every chip file). Parsers trust the lengths they
 * read and allocate buffers of that size; an app could send a two-byte file that declares a
 * two-gigabyte value. Walking the structure first proves every declared length fits inside the
 * bytes actually sent, so a parser that runs afterwards never allocates more than the input.
 */
final class ChipTlv {
  private static final int MAX_DEPTH = 32;

  private ChipTlv() {}

  /**
   * The tag of a file whose bytes are exactly one well-formed TLV (nested constructed values
   * included), or empty when they are not.
   */
  static OptionalInt wellFormedTag(byte[] bytes) {
    try {
      int[] tagAndEnd = walk(bytes, 0, bytes.length, 0);
      return tagAndEnd[1] == bytes.length ? OptionalInt.of(tagAndEnd[0]) : OptionalInt.empty();
    } catch (IllegalArgumentException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * The tag of a file whose bytes are exactly one TLV, looking only at the outer header (for the
   * SOD: Bouncy Castle bounds its own parsing of a byte array, and some issuers' SODs use BER
   * forms inside that this walk does not follow), or empty when they are not.
   */
  static OptionalInt outerTag(byte[] bytes) {
    try {
      int[] tagAndEnd = header(bytes, 0, bytes.length);
      return tagAndEnd[1] == bytes.length ? OptionalInt.of(tagAndEnd[0]) : OptionalInt.empty();
    } catch (IllegalArgumentException e) {
      return OptionalInt.empty();
    }
  }

  /** Walks the TLV at {@code offset}; returns its tag and the offset just after it. */
  private static int[] walk(byte[] b, int offset, int limit, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested too deeply");
    }
    int[] h = header(b, offset, limit);
    if (h[3] != 0) {
      int q = h[2];
      while (q < h[1]) {
        q = walk(b, q, h[1], depth + 1)[1];
      }
    }
    return new int[] {h[0], h[1]};
  }

  /** Reads one TLV header: tag, end of the value, start of the value, 1 when constructed. */
  private static int[] header(byte[] b, int offset, int limit) {
    int p = offset;
    need(p < limit);
    int first = b[p++] & 0xFF;
    int tag = first;
    boolean constructed = (first & 0x20) != 0;
    if ((first & 0x1F) == 0x1F) {
      int more;
      int count = 0;
      do {
        need(p < limit && ++count <= 3);
        more = b[p++] & 0xFF;
        tag = (tag << 8) | more;
      } while ((more & 0x80) != 0);
    }
    need(p < limit);
    int lengthByte = b[p++] & 0xFF;
    long length;
    if (lengthByte < 0x80) {
      length = lengthByte;
    } else {
      int n = lengthByte & 0x7F;
      // 0x80 is BER's indefinite length, which no chip file uses; more than 4 bytes cannot fit.
      need(n >= 1 && n <= 4 && p + n <= limit);
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (b[p++] & 0xFF);
      }
    }
    need(length <= limit - p);
    return new int[] {tag, p + (int) length, p, constructed ? 1 : 0};
  }

  private static void need(boolean condition) {
    if (!condition) {
      throw new IllegalArgumentException("truncated or malformed TLV");
    }
  }
}
