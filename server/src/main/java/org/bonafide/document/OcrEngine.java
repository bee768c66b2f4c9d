package org.bonafide.document;

import java.util.List;

/**
 * Reads one line of text from an image of that line, restricted to the MRZ alphabet (A-Z, 0-9 and
 * the filler {@code <}); and, for the printed (visual) zone, free text from a block of the page.
 */
interface OcrEngine extends AutoCloseable {
  /** The characters an MRZ may hold. */
  String MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

  /**
   * Reads a single line of dark text on a light background and says where each character stands.
   *
   * @param pixels grey levels, row-major, 0 black to 255 white, {@code width * height} of them
   */
  List<Symbol> readSymbols(byte[] pixels, int width, int height);

  /**
   * One character read and its horizontal extent in the line image.
   *
   * @param character the character, one of {@link #MRZ_ALPHABET}
   * @param left first column
   * @param right column after the last
   * @param confidence 0-1
   */
  record Symbol(char character, int left, int right, double confidence) {}

  /**
   * Reads the printed text of a block of the page (labels, names, dates), line by line, without
   * the MRZ alphabet's restriction.
   *
   * @param pixels grey levels, row-major, 0 black to 255 white, {@code width * height} of them
   * @return the text, lines separated by {@code \n}; empty when nothing was read
   */
  String readText(byte[] pixels, int width, int height);

  @Override
  void close();
}
