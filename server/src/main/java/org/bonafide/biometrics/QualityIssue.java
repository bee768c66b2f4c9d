package org.bonafide.biometrics;

/** Reasons a face image is a poor sample; {@link #code()} is stable for API clients. */
public enum QualityIssue {
  FACE_TOO_SMALL("face-too-small"),
  BLURRED("blurred"),
  TOO_DARK("too-dark"),
  TOO_BRIGHT("too-bright"),
  OFF_ANGLE("off-angle"),
  EYES_CLOSED("eyes-closed"),
  OCCLUDED("occluded"),
  CUT_OFF("face-cut-off");

  private final String code;

  QualityIssue(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
