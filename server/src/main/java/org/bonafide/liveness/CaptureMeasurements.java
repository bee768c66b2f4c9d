package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Everything the detectors read: the challenge, its timeline, every frame's measurement, and what
 * the hold-still window establishes (the neutral pose, the usual detection score, the capture's
 * identity).
 */
final class CaptureMeasurements {
  private final Challenge challenge;
  private final Timeline timeline;
  private final List<FrameMeasurement> frames;
  private final float[] referenceEmbedding;
  private final double matchThreshold;
  private final double baselineYaw;
  private final double baselinePitch;
  private final double baselineDetectionScore;
  private final float[] identity;
  private final long sweepGraceMs;
  private final Map<String, Object> telemetry;

  CaptureMeasurements(
      Challenge challenge,
      Timeline timeline,
      List<FrameMeasurement> frames,
      float[] referenceEmbedding,
      double matchThreshold,
      long sweepGraceMs) {
    this(challenge, timeline, frames, referenceEmbedding, matchThreshold, sweepGraceMs, Map.of());
  }

  CaptureMeasurements(
      Challenge challenge,
      Timeline timeline,
      List<FrameMeasurement> frames,
      float[] referenceEmbedding,
      double matchThreshold,
      long sweepGraceMs,
      Map<String, Object> telemetry) {
    this.challenge = challenge;
    this.telemetry = telemetry == null ? Map.of() : Map.copyOf(telemetry);
    this.sweepGraceMs = sweepGraceMs;
    this.timeline = timeline;
    this.frames = List.copyOf(frames);
    this.referenceEmbedding = referenceEmbedding;
    this.matchThreshold = matchThreshold;
    List<FrameMeasurement> neutral = holdStillFaces();
    this.baselineYaw = median(neutral.stream().mapToDouble(FrameMeasurement::yaw).toArray());
    this.baselinePitch = median(neutral.stream().mapToDouble(FrameMeasurement::pitch).toArray());
    this.baselineDetectionScore = median(neutral.stream().mapToDouble(f -> f.face().detectionScore()).toArray());
    this.identity = medianEmbedding(neutral);
  }

  /** Face frames of the hold-still window, or every face frame when that window has none. */
  private List<FrameMeasurement> holdStillFaces() {
    Timeline.Window hold = timeline.window(Prompt.HOLD_STILL);
    List<FrameMeasurement> faces =
        hold == null ? List.of() : facesWhere(f -> hold.contains(f.timestampMs()));
    return faces.isEmpty() ? facesWhere(f -> true) : faces;
  }

  Challenge challenge() {
    return challenge;
  }

  /** The device telemetry the client reported ({@code docs/capture.md}); client-supplied, never trusted alone. */
  Map<String, Object> telemetry() {
    return telemetry;
  }

  Timeline timeline() {
    return timeline;
  }

  List<FrameMeasurement> frames() {
    return frames;
  }

  /** Frames with a face that satisfy {@code filter}, in time order. */
  List<FrameMeasurement> facesWhere(Predicate<FrameMeasurement> filter) {
    List<FrameMeasurement> out = new ArrayList<>();
    for (FrameMeasurement f : frames) {
      if (f.hasFace() && filter.test(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Frames (with a face or not) whose time falls in {@code [from, to)}. */
  List<FrameMeasurement> between(long from, long to) {
    return frames.stream().filter(f -> f.timestampMs() >= from && f.timestampMs() < to).toList();
  }

  /** The reference photo's embedding, or null. */
  float[] referenceEmbedding() {
    return referenceEmbedding;
  }

  /** The face engine's match threshold (cosine similarity). */
  double matchThreshold() {
    return matchThreshold;
  }

  /** Median yaw of the hold-still window: the applicant's neutral pose. NaN without faces. */
  double baselineYaw() {
    return baselineYaw;
  }

  double baselinePitch() {
    return baselinePitch;
  }

  double baselineDetectionScore() {
    return baselineDetectionScore;
  }

  /**
   * The capture's identity: the per-dimension median of the hold-still embeddings, L2-normalised;
   * null when no frame has a face.
   */
  float[] identity() {
    return identity;
  }

  /**
   * Whether the frame falls in the hand-sweep window (plus the hand-sweep detector's grace), where
   * the face is meant to be covered.
   */
  boolean inHandSweep(FrameMeasurement f) {
    Timeline.Window sweep = timeline.window(Prompt.HAND_SWEEP);
    return sweep != null && f.timestampMs() >= sweep.startMs() && f.timestampMs() < sweep.endMs() + sweepGraceMs;
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static float[] medianEmbedding(List<FrameMeasurement> faces) {
    if (faces.isEmpty()) {
      return null;
    }
    int dims = faces.get(0).face().embedding().length;
    float[] out = new float[dims];
    double[] column = new double[faces.size()];
    double norm = 0;
    for (int d = 0; d < dims; d++) {
      for (int i = 0; i < faces.size(); i++) {
        column[i] = faces.get(i).face().embedding()[d];
      }
      out[d] = (float) median(column);
      norm += out[d] * out[d];
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int d = 0; d < dims; d++) {
        out[d] = (float) (out[d] / norm);
      }
    }
    return out;
  }
}
