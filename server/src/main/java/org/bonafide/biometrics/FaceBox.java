package org.bonafide.biometrics;

/** A face's bounding box in image pixels (corners, x to the right, y down). */
public record FaceBox(float x1, float y1, float x2, float y2) {
  public float width() {
    return x2 - x1;
  }

  public float height() {
    return y2 - y1;
  }

  public float area() {
    return Math.max(0, width()) * Math.max(0, height());
  }
}
