package org.bonafide.liveness;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.FaceCrop;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.JpegEncoder;

/**
 * The analyzer: measures every frame (in parallel, the face engine being thread-safe), runs every
 * enabled detector that applies, and combines their results: any failed attack-type check makes
 * the outcome {@link Outcome#FAILED}; else any failed retry-type check makes it {@link
 * Outcome#RETRY}; else {@link Outcome#PASSED}.
 */
final class DefaultLivenessAnalyzer implements LivenessAnalyzer {
  private static final int AUDIT_FRAMES = 4;
  private static final int FACE_CROPS = 2;
  /** The mesh's face flag at or above which a mesh followed from the previous frame is kept. */
  static final double MESH_MIN_CONFIDENCE = FaceEngine.MESH_MIN_CONFIDENCE;

  private final FaceEngine engine;
  private final FrameMeasurer measurer;
  private final AnalysisSettings settings;
  private final List<LivenessDetector> detectors;
  private final long sweepGraceMs;
  private final ExecutorService pool;

  /**
   * @param detectors the checks, in the order their results are listed (the service passes its
   *     detector beans, {@link LivenessDetectors} makes the same outside Spring)
   */
  DefaultLivenessAnalyzer(FaceEngine engine, AnalysisSettings settings, List<LivenessDetector> detectors) {
    this.engine = engine;
    this.measurer = new FrameMeasurer(engine);
    this.settings = settings;
    this.detectors = List.copyOf(detectors);
    this.sweepGraceMs = sweepGraceMs(detectors);
    AtomicInteger count = new AtomicInteger();
    // daemon threads: an analyzer made outside Spring is never closed
    this.pool =
        Executors.newFixedThreadPool(
            settings.threads(),
            r -> {
              Thread t = new Thread(r, "liveness-frames-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * How long after the hand sweep's window frames still count as the sweep's (and are left out of
   * the other checks): the hand-sweep detector's grace, or its default without one.
   */
  private static long sweepGraceMs(List<LivenessDetector> detectors) {
    return detectors.stream()
        .filter(HandSweepDetector.class::isInstance)
        .map(d -> ((HandSweepDetector) d).settings().graceMs())
        .findFirst()
        .orElseGet(() -> HandSweepDetector.Settings.defaults().graceMs());
  }

  @Override
  public LivenessReport analyse(Capture capture, float[] referenceEmbedding) {
    long started = System.nanoTime();
    Map<String, Double> stages = new LinkedHashMap<>();
    List<CapturedFrame> frames =
        capture.frames().stream().sorted(Comparator.comparingInt(CapturedFrame::index)).toList();
    List<FrameMeasurement> measured = measure(frames);
    stages.put(LivenessReport.MEASURE_STAGE, millisSince(started));
    Timeline timeline = Timeline.of(capture.challenge(), frames);
    CaptureMeasurements measurements =
        new CaptureMeasurements(
            capture.challenge(),
            timeline,
            measured,
            referenceEmbedding,
            engine.settings().matchThreshold(),
            sweepGraceMs,
            capture.telemetry());
    List<CheckResult> checks = evaluate(measurements, detectors, stages);
    List<String> reasons = reasons(checks);
    Outcome outcome = outcome(reasons);
    long evidenceStarted = System.nanoTime();
    List<Evidence> evidence = evidence(frames, measured);
    stages.put(LivenessReport.EVIDENCE_STAGE, millisSince(evidenceStarted));
    long ms = (System.nanoTime() - started) / 1_000_000;
    MediaFingerprints fingerprints =
        new MediaFingerprints(
            measured.stream().map(FrameMeasurement::frameFingerprint).filter(java.util.Objects::nonNull).toList(),
            measured.stream().map(FrameMeasurement::faceFingerprint).filter(java.util.Objects::nonNull).toList());
    return new LivenessReport(
        outcome, reasons, checks, evidence, measured.size(), ms, stages, fingerprints, measurements.identity());
  }

  static double millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e6;
  }

  private List<FrameMeasurement> measure(List<CapturedFrame> frames) {
    int every = settings.attackScoreEvery();
    List<Future<FrameMeasurement>> futures = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      CapturedFrame frame = frames.get(i);
      boolean score = i % every == 0;
      futures.add(pool.submit(() -> measurer.measure(frame, score)));
    }
    List<FrameMeasurement> out = new ArrayList<>(frames.size());
    try {
      for (Future<FrameMeasurement> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("liveness analysis interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
    return measurer.follow(frames, out, MESH_MIN_CONFIDENCE);
  }

  /**
   * Runs every enabled detector that applies to the capture. When face presence finds the capture
   * unusable (too few frames, no face in too many), the checks that read the challenge's answer
   * from the faces are skipped: the outcome is a retry, not a string of "not seen" failures.
   *
   * @param stages gets the wall time of each detector that ran, in ms, under its check's id
   */
  static List<CheckResult> evaluate(
      CaptureMeasurements measurements, List<LivenessDetector> detectors, Map<String, Double> stages) {
    List<CheckResult> checks = new ArrayList<>();
    boolean unusable = false;
    for (LivenessDetector detector : detectors) {
      if (!detector.enabled() || !detector.appliesTo(measurements) || (unusable && detector.answersChallenge())) {
        continue;
      }
      long started = System.nanoTime();
      CheckResult result = detector.evaluate(measurements);
      stages.merge(result.id(), millisSince(started), Double::sum);
      checks.add(result);
      if (FacePresenceDetector.ID.equals(result.id())
          && (LivenessReason.NO_FACE.code().equals(result.reason())
              || LivenessReason.CAPTURE_TOO_SHORT.code().equals(result.reason()))) {
        unusable = true;
      }
    }
    return checks;
  }

  /** The reasons of the failed checks, most important first ({@link LivenessReason} order), once each. */
  static List<String> reasons(List<CheckResult> checks) {
    Set<LivenessReason> reasons = new LinkedHashSet<>();
    checks.stream()
        .filter(c -> !c.passed() && c.reason() != null)
        .map(c -> LivenessReason.fromCode(c.reason()))
        .sorted(
            Comparator.comparing((LivenessReason r) -> r.outcome() != Outcome.FAILED)
                .thenComparing(Comparator.naturalOrder()))
        .forEach(reasons::add);
    return reasons.stream().map(LivenessReason::code).toList();
  }

  static Outcome outcome(List<String> reasons) {
    if (reasons.stream().anyMatch(r -> LivenessReason.fromCode(r).outcome() == Outcome.FAILED)) {
      return Outcome.FAILED;
    }
    return reasons.isEmpty() ? Outcome.PASSED : Outcome.RETRY;
  }

  /**
   * A few whole frames spread over the capture (the bytes as received) and face crops of the
   * sharpest faces of the first and second half.
   */
  private List<Evidence> evidence(List<CapturedFrame> frames, List<FrameMeasurement> measured) {
    List<Evidence> out = new ArrayList<>();
    if (frames.isEmpty()) {
      return out;
    }
    Set<Integer> picked = new LinkedHashSet<>();
    for (int k = 0; k < AUDIT_FRAMES; k++) {
      int position = (int) Math.round((k + 0.5) * frames.size() / AUDIT_FRAMES - 0.5);
      picked.add(Math.max(0, Math.min(frames.size() - 1, position)));
    }
    for (int position : picked) {
      out.add(new Evidence("audit-frame", frames.get(position).index(), frames.get(position).image()));
    }
    int half = Math.max(1, measured.size() / FACE_CROPS);
    for (int part = 0; part < FACE_CROPS; part++) {
      int from = part * half;
      int to = part == FACE_CROPS - 1 ? measured.size() : Math.min(measured.size(), from + half);
      int best = -1;
      for (int i = from; i < to; i++) {
        FrameMeasurement m = measured.get(i);
        if (m.hasFace()
            && (best < 0 || m.face().quality().sharpness() > measured.get(best).face().quality().sharpness())) {
          best = i;
        }
      }
      if (best >= 0) {
        byte[] crop = crop(frames.get(best).image(), measured.get(best).face().box());
        if (crop != null) {
          out.add(new Evidence("face-crop", frames.get(best).index(), crop));
        }
      }
    }
    return out;
  }

  /** The face box grown by a quarter each side, as JPEG; null if the frame no longer decodes. */
  private byte[] crop(byte[] jpeg, FaceBox box) {
    DecodedImage image;
    try {
      image = engine.decode(jpeg);
    } catch (RuntimeException e) {
      return null;
    }
    BufferedImage crop = FaceCrop.around(image.pixels(), box);
    // ImageIO's default JPEG quality
    return crop == null ? null : JpegEncoder.encode(crop, 0.75f);
  }
}
