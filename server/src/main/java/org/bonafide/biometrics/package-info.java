/**
 * Face biometrics: decoding with limits, detection, 68 landmarks, pose, eyes, quality, aligned
 * 512-d embeddings, 1:1 comparison and the passive presentation-attack score, on the faceplugin
 * ONNX models run by ONNX Runtime, and the HTTP API over it.
 *
 * <p>Owns the {@code face_comparisons} table (image hashes and measurements, never images or
 * embeddings), the one shared {@code FaceEngine} bean configured under {@code bonafide.face}, and
 * the {@code bonafide.model.latency} timer.
 *
 * <p>Entry points: {@link org.bonafide.biometrics.FaceEngine} with {@link
 * org.bonafide.biometrics.FaceEngineSettings} (also used without Spring by the command line and
 * benchmarks), {@link org.bonafide.biometrics.FaceCrop} and {@link
 * org.bonafide.biometrics.JpegEncoder} for evidence images; HTTP {@code POST /v1/faces/compare} and {@code GET /v1/faces/comparisons/{id}}.
 */
package org.bonafide.biometrics;
