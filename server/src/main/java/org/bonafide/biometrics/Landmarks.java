package org.bonafide.biometrics;

/**
 * Measures on the 68 iBUG landmarks the face engine returns (x0, y0, x1, y1, ...): the eyes are
 * points 36-41 (the image's left eye) and 42-47.
 */
public final class Landmarks {
  /** The first point of the image's left eye. */
  public static final int LEFT_EYE = 36;

  /** The first point of the image's right eye. */
  public static final int RIGHT_EYE = 42;

  private Landmarks() {}

  /** The mean of the six points of the eye starting at {@code first} ({@link #LEFT_EYE} or {@link #RIGHT_EYE}), as {x, y}. */
  public static double[] eyeCentre(float[] landmarks, int first) {
    double x = 0;
    double y = 0;
    for (int i = first; i < first + 6; i++) {
      x += landmarks[2 * i];
      y += landmarks[2 * i + 1];
    }
    return new double[] {x / 6, y / 6};
  }

  /** Distance between the two eye centres. */
  public static double interOcular(float[] landmarks) {
    double[] left = eyeCentre(landmarks, LEFT_EYE);
    double[] right = eyeCentre(landmarks, RIGHT_EYE);
    return Math.hypot(right[0] - left[0], right[1] - left[1]);
  }
}
