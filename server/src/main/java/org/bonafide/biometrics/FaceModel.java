package org.bonafide.biometrics;

/** The ONNX models the face engine runs, shipped in the jar under {@code /models}. */
public enum FaceModel {
  /** Face boxes and scores; input 1x3x240x320, RGB scaled to [-1, 1]. */
  DETECT("fr_detect"),
  /** 68 landmarks relative to the face box; input 1x1x64x64 grey scaled to [0, 1). */
  LANDMARK("fr_landmark"),
  /** 512-d identity embedding; input 1x3x112x112 aligned face, BGR scaled to [-1, 1]. */
  FEATURE("fr_feature"),
  /** Passive presentation-attack classifier, 3-way softmax; input 1x3x128x128 BGR, raw 0-255. */
  LIVENESS("fr_liveness"),
  /** Eye open/closed, 2-way softmax; input 1x1x24x24 grey scaled to [0, 1]. */
  EYE("fr_eye"),
  /** Yaw, pitch and roll as 66 bins of 3 degrees; input 1x3x224x224, ImageNet-normalised RGB. */
  POSE("fr_pose");

  private final String fileName;

  FaceModel(String baseName) {
    this.fileName = baseName + ".onnx";
  }

  public String fileName() {
    return fileName;
  }

  /** Lower-case id used in metrics tags and benchmark output. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
