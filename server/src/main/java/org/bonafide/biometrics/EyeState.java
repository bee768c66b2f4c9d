package org.bonafide.biometrics;

/**
 * Eye openness from the eye model: probability that each eye is open (left and right as seen in
 * the image), and the thresholded decision.
 */
public record EyeState(float leftOpenProbability, float rightOpenProbability, boolean leftOpen, boolean rightOpen) {
  public boolean bothClosed() {
    return !leftOpen && !rightOpen;
  }
}
