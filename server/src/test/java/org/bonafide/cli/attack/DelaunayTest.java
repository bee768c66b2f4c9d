package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DelaunayTest {
  @Test
  void triangulatesRandomPointsWithEmptyCircumcircles() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 80;
    double[] p = new double[2 * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextDouble() * 400;
    }

    List<int[]> triangles = Delaunay.triangulate(p);

    // Euler: a triangulation of n points with h on the hull has 2n - 2 - h triangles.
    int hull = FaceSwap.convexHull(toFloat(p)).length / 2;
    assertThat(triangles).hasSize(2 * n - 2 - hull);
    for (int[] t : triangles) {
      double ax = p[2 * t[0]], ay = p[2 * t[0] + 1];
      double bx = p[2 * t[1]], by = p[2 * t[1] + 1];
      double cx = p[2 * t[2]], cy = p[2 * t[2] + 1];
      assertThat((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)).as("positive area").isPositive();
      double d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
      double ux = ((ax * ax + ay * ay) * (by - cy) + (bx * bx + by * by) * (cy - ay) + (cx * cx + cy * cy) * (ay - by)) / d;
      double uy = ((ax * ax + ay * ay) * (cx - bx) + (bx * bx + by * by) * (ax - cx) + (cx * cx + cy * cy) * (bx - ax)) / d;
      double r = Math.hypot(ax - ux, ay - uy);
      for (int i = 0; i < n; i++) {
        if (i != t[0] && i != t[1] && i != t[2]) {
          assertThat(Math.hypot(p[2 * i] - ux, p[2 * i + 1] - uy)).as("point %d outside the circumcircle", i).isGreaterThan(r - 1e-6);
        }
      }
    }
  }

  @Test
  void ignoresDuplicatePoints() {
    double[] p = {0, 0, 10, 0, 0, 10, 10, 10, 10, 10};
    List<int[]> triangles = Delaunay.triangulate(p);
    assertThat(triangles).hasSize(2);
  }

  private static float[] toFloat(double[] p) {
    float[] f = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      f[i] = (float) p[i];
    }
    return f;
  }
}
