/**
 * Face biometrics: decoding with limits, detection, 68 landmarks, pose, eyes, quality, aligned
 * 512-d embeddings, 1:1 comparison and the passive presentation-attack score, on the faceplugin
 * ONNX models run by ONNX Runtime.
 *
 * <p>Entry points: {@link org.bonafide.biometrics.FaceEngine} (the pipeline, one per process),
 * {@link org.bonafide.biometrics.FaceEngineSettings} (its tunables), and the HTTP endpoints under
 * {@code /v1/faces}.
 */
package org.bonafide.biometrics;
