package org.bonafide.biometrics;

/**
 * Least-squares similarity transform (rotation, uniform scale, translation) between two point
 * sets, after Umeyama (1991), in closed form for 2-D.
 */
final class SimilarityTransform {
  private SimilarityTransform() {}

  /**
   * The affine {@code {a, b, c, d, e, f}} mapping each {@code from} point p to
   * {@code (a*px + b*py + c, d*px + e*py + f)}, as close as possible to the matching {@code to} point.
   */
  static double[] estimate(double[][] from, double[][] to) {
    int n = from.length;
    double fx = 0, fy = 0, tx = 0, ty = 0;
    for (int i = 0; i < n; i++) {
      fx += from[i][0];
      fy += from[i][1];
      tx += to[i][0];
      ty += to[i][1];
    }
    fx /= n;
    fy /= n;
    tx /= n;
    ty /= n;
    double sxx = 0, sxy = 0, var = 0;
    for (int i = 0; i < n; i++) {
      double ax = from[i][0] - fx;
      double ay = from[i][1] - fy;
      double bx = to[i][0] - tx;
      double by = to[i][1] - ty;
      sxx += ax * bx + ay * by; // cos component
      sxy += ax * by - ay * bx; // sin component
      var += ax * ax + ay * ay;
    }
    if (var == 0) {
      throw new IllegalArgumentException("a similarity transform needs points that are not all equal");
    }
    double a = sxx / var; // scale * cos
    double b = sxy / var; // scale * sin
    return new double[] {a, -b, tx - a * fx + b * fy, b, a, ty - b * fx - a * fy};
  }
}
