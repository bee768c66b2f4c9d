package org.bonafide.liveness;

/**
 * Mean colour (red, green, blue, 0-255) of the regions the colour test and the face-swap checks
 * compare, in one frame. Each is null when the region could not be sampled (outside the image, no
 * background left).
 *
 * @param skin nose, central cheeks and forehead together: the skin whose colour must follow the
 *     screen
 * @param centre nose and central cheeks: skin that faces the screen
 * @param edge the face's sides near the jaw outline: skin turned away from the screen
 * @param background the frame beside and above the head, away from the face
 * @param forehead the skin above the brows (read by the skin-tone and rPPG checks)
 * @param cheeks the two central cheeks (read by the rPPG check)
 * @param neck the neck below the chin (read by the skin-tone check)
 * @param seam the bands just inside and just outside the lower jaw outline (blending-seam check),
 *     or null
 */
record RegionColours(
    double[] skin,
    double[] centre,
    double[] edge,
    double[] background,
    double[] forehead,
    double[] cheeks,
    double[] neck,
    Seam seam) {

  /** The colour test's regions only (tests that make measurements up). */
  RegionColours(double[] skin, double[] centre, double[] edge, double[] background) {
    this(skin, centre, edge, background, null, null, null, null);
  }

  /**
   * The two thin bands along the lower jaw outline (iBUG points 3-13), one just inside the face and
   * one just outside it.
   *
   * @param innerSharpness variance of the grey-level Laplacian in the inner band
   * @param outerSharpness the same in the outer band
   * @param inner mean colour of the inner band
   * @param outer mean colour of the outer band
   */
  record Seam(double innerSharpness, double outerSharpness, double[] inner, double[] outer) {}

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

  /** Distance between two colours' red and green shares; NaN when either is null or black. */
  static double chromaDistance(double[] a, double[] b) {
    double[] ca = chromaticity(a);
    double[] cb = chromaticity(b);
    if (ca == null || cb == null) {
      return Double.NaN;
    }
    return Math.hypot(ca[0] - cb[0], ca[1] - cb[1]);
  }
}
