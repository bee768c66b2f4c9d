package org.bonafide.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the MRZ's filler characters ({@code <}) in a binarised line by their shape. A general
 * text model reads runs of OCR-B chevrons as {@code K}, {@code L} or {@code C} and miscounts them,
 * while their shape is unmistakable: a connected glyph no taller than the letters, centred on the
 * line, its apex on the left and two arms reaching its top and bottom on the right (no letter or
 * digit has ink only mid-height on its left and only at the top and bottom on its right). The reader
 * erases them before OCR and puts them back by position.
 */
final class MrzReaderFillers {
  /** One chevron: its columns {@code left..right-1} in the line image. */
  record Filler(int left, int right) {}

  /** The line image without its chevrons, and where they were. */
  record Split(MrzLocator.LineImage withoutFillers, List<Filler> fillers) {}

  private MrzReaderFillers() {}

  static Split split(MrzLocator.LineImage line) {
    int w = line.width();
    int h = line.height();
    byte[] px = line.pixels();
    int[] label = new int[w * h];
    List<int[]> boxes = new ArrayList<>(); // minX, minY, maxX, maxY, count
    int[] stack = new int[w * h];
    for (int start = 0; start < w * h; start++) {
      if (px[start] != 0 || label[start] != 0) {
        continue;
      }
      int id = boxes.size() + 1;
      int[] box = {w, h, -1, -1, 0};
      int top = 0;
      stack[top++] = start;
      label[start] = id;
      while (top > 0) {
        int p = stack[--top];
        int x = p % w;
        int y = p / w;
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
        box[4]++;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
              int q = ny * w + nx;
              if (px[q] == 0 && label[q] == 0) {
                label[q] = id;
                stack[top++] = q;
              }
            }
          }
        }
      }
      boxes.add(box);
    }
    int[] heights = boxes.stream().mapToInt(b -> b[3] - b[1] + 1).filter(v -> v >= 4).sorted().toArray();
    if (heights.length == 0) {
      return new Split(line, List.of());
    }
    // letters and digits dominate any MRZ line's tall glyphs
    int capHeight = heights[(int) Math.floor(heights.length * 0.8)];
    double[] centres =
        boxes.stream().filter(b -> b[3] - b[1] + 1 >= 0.85 * capHeight).mapToDouble(b -> (b[1] + b[3]) / 2.0).sorted().toArray();
    double lineCentre = centres.length == 0 ? h / 2.0 : centres[centres.length / 2];
    byte[] erased = Arrays.copyOf(px, px.length);
    List<Filler> fillers = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      int[] b = boxes.get(i);
      if (isChevron(px, w, b, capHeight, lineCentre)) {
        fillers.add(new Filler(b[0], b[2] + 1));
        int id = i + 1;
        for (int y = b[1]; y <= b[3]; y++) {
          for (int x = b[0]; x <= b[2]; x++) {
            if (label[y * w + x] == id) {
              erased[y * w + x] = (byte) 255;
            }
          }
        }
      }
    }
    fillers.sort((a, b) -> Integer.compare(a.left(), b.left()));
    return new Split(new MrzLocator.LineImage(erased, w, h), fillers);
  }

  private static boolean isChevron(byte[] px, int w, int[] b, int capHeight, double lineCentre) {
    int bw = b[2] - b[0] + 1;
    int bh = b[3] - b[1] + 1;
    if (bh < 0.3 * capHeight || bh > 1.1 * capHeight || bw < 0.25 * capHeight || bw > 1.1 * capHeight) {
      return false;
    }
    if (Math.abs((b[1] + b[3]) / 2.0 - lineCentre) > 0.2 * capHeight) {
      return false;
    }
    // apex: ink in the leftmost columns is a short run around the middle row (not a stem, serifs or a curve)
    int apexColumns = Math.max(1, bw / 6);
    int minY = Integer.MAX_VALUE;
    int maxY = -1;
    for (int x = b[0]; x < b[0] + apexColumns; x++) {
      for (int y = b[1]; y <= b[3]; y++) {
        if (px[y * w + x] == 0) {
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    if (maxY < 0 || maxY - minY + 1 > 0.45 * bh || Math.abs((minY + maxY) / 2.0 - (b[1] + b[3]) / 2.0) > 0.15 * bh) {
      return false;
    }
    // three quarters to the right the column crosses the two arms, with paper between them
    int column = b[0] + (3 * bw) / 4;
    for (int y = b[1] + (int) (0.35 * bh); y <= b[1] + (int) Math.ceil(0.65 * bh); y++) {
      if (px[y * w + column] == 0) {
        return false;
      }
    }
    // arms: the rightmost columns have ink near the top and the bottom but not in the middle
    int armColumns = Math.max(1, bw / 6);
    boolean nearTop = false;
    boolean nearBottom = false;
    boolean middle = false;
    for (int x = b[2] - armColumns + 1; x <= b[2]; x++) {
      for (int y = b[1]; y <= b[3]; y++) {
        if (px[y * w + x] != 0) {
          continue;
        }
        double rel = (double) (y - b[1]) / Math.max(1, bh - 1);
        if (rel < 0.25) {
          nearTop = true;
        } else if (rel > 0.75) {
          nearBottom = true;
        } else if (rel > 0.4 && rel < 0.6) {
          middle = true;
        }
      }
    }
    return nearTop && nearBottom && !middle;
  }
}
