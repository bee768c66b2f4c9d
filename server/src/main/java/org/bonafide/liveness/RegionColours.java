package org.bonafide.liveness;

/**
 * Mean colour (red, green, blue, 0-255) of the regions the colour test compares, in one frame.
 * Each is null when the region could not be sampled (outside the image, no background left).
 *
 * @param skin nose, central cheeks and forehead together: the skin whose colour must follow the
 *     screen
 * @param centre nose and central cheeks: skin that faces the screen
 * @param edge the face's sides near the jaw outline: skin turned away from the screen
 * @param background the frame beside and above the head, away from the face
 */
record RegionColours(double[] skin, double[] centre, double[] edge, double[] background) {

  /** Red, green and blue shares of a colour (they sum to 1), or null when the colour is null or black. */
  static double[] chromaticity(double[] rgb) {
    if (rgb == null) {
      return null;
    }
    double sum = rgb[0] + rgb[1] + rgb[2];
    if (sum < 1e-6) {
      return null;
    }
    return new double[] {rgb[0] / sum, rgb[1] / sum, rgb[2] / sum};
  }
}
