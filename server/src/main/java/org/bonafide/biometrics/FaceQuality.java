package org.bonafide.biometrics;

import java.util.List;

/**
 * Measured quality of one face sample.
 *
 * @param faceSizePx height of the face box in pixels
 * @param sharpness variance of the Laplacian over the aligned 112x112 face (higher is sharper)
 * @param brightness mean luma of the aligned face, 0-255
 * @param issues the thresholds this face failed; empty for a good sample
 */
public record FaceQuality(int faceSizePx, double sharpness, double brightness, List<QualityIssue> issues) {
  public FaceQuality {
    issues = List.copyOf(issues);
  }
}
