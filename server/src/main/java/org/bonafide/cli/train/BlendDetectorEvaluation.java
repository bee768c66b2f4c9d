package org.bonafide.cli.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.bonafide.biometrics.BlendDetector;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.FaceEngine;

/**
 * {@code eval blend}: real crops and self- and cross-blended pseudo-fakes made (in memory, by the
 * training generator with another seed) from a folder of faces, scored by a blend detector.
 */
public final class BlendDetectorEvaluation {
  private static final int TIMED_CROPS = 200;

  /**
   * What to measure.
   *
   * @param faces the folder of face photos
   * @param holdoutOnly measure only the identities {@code train blend-detector} holds out with the
   *     same {@code splitSeed} and {@code holdoutFraction}
   * @param perFace samples of each kind (real, self, cross) per face
   * @param seed seeds the samples
   * @param limit at most this many files, a seeded sample of the folder
   */
  public record Settings(
      Path faces,
      boolean holdoutOnly,
      double holdoutFraction,
      long splitSeed,
      int perFace,
      long seed,
      int limit,
      boolean identityFromPrefix) {}

  /**
   * The scores.
   *
   * @param scores the detector's scores by kind ({@code real}, {@code self}, {@code cross})
   * @param msPerCrop mean milliseconds to score an aligned crop, one thread (over the first 200)
   * @param msPerFace mean milliseconds to align and score a face of a decoded image, one thread
   */
  public record Evaluation(int faces, int identities, Map<String, double[]> scores, double msPerCrop, double msPerFace) {}

  private BlendDetectorEvaluation() {}

  public static Evaluation run(Settings s, BlendDetector detector, FaceEngine engine, PrintStream err, LongSupplier clock) {
    List<Path> files = BlendData.sample(BlendData.imageFiles(s.faces()), s.limit(), s.seed());
    List<TrainingFace> faces = BlendData.read(files, s.identityFromPrefix(), engine, err);
    if (s.holdoutOnly()) {
      Set<String> heldOut = BlendData.heldOut(faces, s.holdoutFraction(), s.splitSeed());
      faces = faces.stream().filter(f -> heldOut.contains(f.identity())).toList();
      err.printf(Locale.ROOT, "[bonafide] held-out identities only: %d faces%n", faces.size());
    }
    if (faces.size() < 2) {
      throw new IllegalArgumentException("eval blend needs faces of at least two people, found " + faces.size() + " faces");
    }
    List<BlendData.Job> jobs = BlendData.jobs(faces, s.perFace(), s.perFace(), s.perFace(), s.seed());
    // samples are made and scored on every core; the time per crop is measured alone, below
    double[] values = new double[jobs.size()];
    final List<TrainingFace> pool = faces;
    AtomicInteger done = new AtomicInteger();
    IntStream.range(0, jobs.size())
        .parallel()
        .forEach(
            i -> {
              values[i] = detector.scoreCrop(BlendData.make(pool, jobs.get(i), s.seed()));
              int n = done.incrementAndGet();
              if (n % 500 == 0) {
                err.printf(Locale.ROOT, "[bonafide] eval blend: %d/%d samples%n", n, jobs.size());
              }
            });
    Map<String, List<Double>> byKind = new LinkedHashMap<>();
    for (BlendGenerator.Kind kind : BlendGenerator.Kind.values()) {
      byKind.put(kind.id(), new ArrayList<>());
    }
    for (int i = 0; i < jobs.size(); i++) {
      byKind.get(jobs.get(i).kind().id()).add(values[i]);
    }
    int timed = Math.min(TIMED_CROPS, jobs.size());
    List<float[]> crops = new ArrayList<>();
    for (int i = 0; i < timed; i++) {
      crops.add(BlendData.make(pool, jobs.get(i), s.seed()));
    }
    long scoring = 0;
    for (float[] crop : crops) {
      long t = clock.getAsLong();
      detector.scoreCrop(crop);
      scoring += clock.getAsLong() - t;
    }
    long aligned = 0;
    for (TrainingFace face : faces) {
      DecodedImage image = new DecodedImage(face.image(), "raw", "", 0);
      long t = clock.getAsLong();
      detector.score(image, face.landmarks());
      aligned += clock.getAsLong() - t;
    }
    Map<String, double[]> scores = new LinkedHashMap<>();
    byKind.forEach((k, v) -> scores.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return new Evaluation(
        faces.size(),
        (int) faces.stream().map(TrainingFace::identity).distinct().count(),
        scores,
        scoring / 1e6 / Math.max(1, timed),
        aligned / 1e6 / faces.size());
  }
}
