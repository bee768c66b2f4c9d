/**
 * Faces: detection, landmarks, pose, eyes, quality, embeddings and 1:1 comparison on ONNX models
 * ({@link org.bonafide.biometrics.FaceEngine}), and the HTTP API over it.
 *
 * <p>Owns the {@code face_comparisons} table (image hashes and measurements, never images or
 * embeddings), the one shared {@code FaceEngine} bean configured under {@code bonafide.face}, and
 * the {@code bonafide.model.latency} timer.
 *
 * <p>Entry points: {@link org.bonafide.biometrics.FaceEngine} with {@link
 * org.bonafide.biometrics.FaceEngineSettings} (also used without Spring by the command line and
 * benchmarks); HTTP {@code POST /v1/faces/compare} and {@code GET /v1/faces/comparisons/{id}}.
 */
package org.bonafide.biometrics;
