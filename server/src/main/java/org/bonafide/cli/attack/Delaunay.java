package org.bonafide.cli.attack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delaunay triangulation of a small point set by the Bowyer-Watson algorithm: points are inserted
 * one by one into a triangulation of a super triangle; the triangles whose circumcircle holds the new
 * point are removed and the hole is re-triangulated from the point. Quadratic in the number of
 * points, which is fine for the hundred or so points of a face.
 */
final class Delaunay {
  private Delaunay() {}

  /**
   * Triangles over the points {@code xy} ({@code x0, y0, x1, y1, ...}) as index triples into them,
   * counter-clockwise in image coordinates' arithmetic (positive signed area). Duplicate points
   * produce no degenerate triangle; every triangle's vertices are distinct input points.
   */
  static List<int[]> triangulate(double[] xy) {
    int n = xy.length / 2;
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      minX = Math.min(minX, xy[2 * i]);
      maxX = Math.max(maxX, xy[2 * i]);
      minY = Math.min(minY, xy[2 * i + 1]);
      maxY = Math.max(maxY, xy[2 * i + 1]);
    }
    double span = Math.max(maxX - minX, maxY - minY) + 1;
    double mx = (minX + maxX) / 2;
    double my = (minY + maxY) / 2;
    // Points n, n+1, n+2: a triangle far around every input point.
    double[] p = new double[2 * (n + 3)];
    System.arraycopy(xy, 0, p, 0, 2 * n);
    p[2 * n] = mx - 20 * span;
    p[2 * n + 1] = my - span;
    p[2 * n + 2] = mx;
    p[2 * n + 3] = my + 20 * span;
    p[2 * n + 4] = mx + 20 * span;
    p[2 * n + 5] = my - span;
    List<int[]> triangles = new ArrayList<>();
    triangles.add(ccw(p, n, n + 1, n + 2));
    for (int i = 0; i < n; i++) {
      double x = p[2 * i];
      double y = p[2 * i + 1];
      boolean duplicate = false;
      for (int j = 0; j < i; j++) {
        if (p[2 * j] == x && p[2 * j + 1] == y) {
          duplicate = true;
          break;
        }
      }
      if (duplicate) {
        continue;
      }
      List<int[]> bad = new ArrayList<>();
      for (int[] t : triangles) {
        if (inCircumcircle(p, t, x, y)) {
          bad.add(t);
        }
      }
      // The hole's boundary: edges of bad triangles not shared by two of them.
      Map<Long, int[]> edges = new HashMap<>();
      for (int[] t : bad) {
        for (int e = 0; e < 3; e++) {
          int a = t[e];
          int b = t[(e + 1) % 3];
          long key = (long) Math.min(a, b) << 32 | Math.max(a, b);
          if (edges.remove(key) == null) {
            edges.put(key, new int[] {a, b});
          }
        }
      }
      triangles.removeAll(bad);
      for (int[] edge : edges.values()) {
        if (area(p, edge[0], edge[1], i) != 0) {
          triangles.add(ccw(p, edge[0], edge[1], i));
        }
      }
    }
    List<int[]> out = new ArrayList<>();
    for (int[] t : triangles) {
      if (t[0] < n && t[1] < n && t[2] < n) {
        out.add(t);
      }
    }
    return out;
  }

  private static double area(double[] p, int a, int b, int c) {
    return (p[2 * b] - p[2 * a]) * (p[2 * c + 1] - p[2 * a + 1]) - (p[2 * c] - p[2 * a]) * (p[2 * b + 1] - p[2 * a + 1]);
  }

  private static int[] ccw(double[] p, int a, int b, int c) {
    return area(p, a, b, c) > 0 ? new int[] {a, b, c} : new int[] {a, c, b};
  }

  /** Whether (x, y) lies strictly inside the circumcircle of the positively oriented triangle t. */
  private static boolean inCircumcircle(double[] p, int[] t, double x, double y) {
    double ax = p[2 * t[0]] - x;
    double ay = p[2 * t[0] + 1] - y;
    double bx = p[2 * t[1]] - x;
    double by = p[2 * t[1] + 1] - y;
    double cx = p[2 * t[2]] - x;
    double cy = p[2 * t[2] + 1] - y;
    double det =
        (ax * ax + ay * ay) * (bx * cy - cx * by)
            - (bx * bx + by * by) * (ax * cy - cx * ay)
            + (cx * cx + cy * cy) * (ax * by - bx * ay);
    return det > 0;
  }
}
