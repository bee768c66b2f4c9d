package org.bonafide.cli.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceAlignment;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * The faces a blend detector is trained or measured on: read from a folder (and video frames),
 * split over identities into training and held-out people by a seed, and the samples to make of
 * them, each with its own reproducible random generator.
 */
final class BlendData {
  private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp");
  private static final int PARTNER_CANDIDATES = 8;

  /** One sample to make: which face, which kind, which variant of that face and kind. */
  record Job(int face, BlendGenerator.Kind kind, int variant, int partner) {}

  private BlendData() {}

  /** The image files of a folder, sorted by name; fails when there are none. */
  static List<Path> imageFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "The faces folder " + folder + " does not exist.");
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> images =
          files
              .filter(Files::isRegularFile)
              .filter(p -> EXTENSIONS.contains(extension(p)))
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
      if (images.isEmpty()) {
        throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The folder " + folder + " holds no JPEG, PNG or WebP image.");
      }
      return images;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The identity of a photo: with {@code fromPrefix}, the file name up to its first underscore (FRL
   * London's {@code NNN_03.jpg}); otherwise every file is its own person.
   */
  static String identity(String fileName, boolean fromPrefix) {
    int underscore = fileName.indexOf('_');
    return fromPrefix && underscore > 0 ? fileName.substring(0, underscore) : fileName;
  }

  /** A seeded sample of {@code limit} files (all of them when there are fewer), in name order. */
  static List<Path> sample(List<Path> files, int limit, long seed) {
    if (files.size() <= limit) {
      return files;
    }
    List<Path> shuffled = new ArrayList<>(files);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    List<Path> kept = new ArrayList<>(shuffled.subList(0, limit));
    kept.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return kept;
  }

  /**
   * The most prominent face of each file with its landmarks; files without a face or that do not
   * decode are skipped and named on standard error.
   */
  static List<TrainingFace> read(List<Path> files, boolean identityFromPrefix, FaceEngine engine, PrintStream err) {
    List<TrainingFace> faces = new ArrayList<>();
    int skipped = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        DecodedImage image = engine.decode(Files.readAllBytes(file));
        TrainingFace face = face(name, identity(name, identityFromPrefix), image.pixels(), engine);
        if (face == null) {
          err.println("[bonafide] no face in " + name + ", skipped");
          skipped++;
        } else {
          faces.add(face);
        }
      } catch (BonafideException e) {
        err.println("[bonafide] " + name + " skipped: " + e.getMessage());
        skipped++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (faces.size() % 100 == 0 && !faces.isEmpty()) {
        err.printf(Locale.ROOT, "[bonafide] faces read: %d of %d files%n", faces.size() + skipped, files.size());
      }
    }
    err.printf(Locale.ROOT, "[bonafide] %d faces from %d files (%d skipped)%n", faces.size(), files.size(), skipped);
    return faces;
  }

  /** The most prominent face of an image, or null. */
  static TrainingFace face(String name, String identity, BufferedImage bgr, FaceEngine engine) {
    DecodedImage image = new DecodedImage(bgr, "raw", "", 0);
    List<Detection> detections = engine.detect(image);
    if (detections.isEmpty()) {
      return null;
    }
    return new TrainingFace(name, identity, bgr, engine.landmarks(image, detections.get(0).box()));
  }

  /** The held-out identities: a seeded draw of {@code fraction} of them (at least one when positive). */
  static Set<String> heldOut(List<TrainingFace> faces, double fraction, long seed) {
    List<String> identities = new ArrayList<>(new TreeSet<>(faces.stream().map(TrainingFace::identity).toList()));
    Collections.shuffle(identities, new java.util.Random(seed));
    int count = fraction <= 0 ? 0 : Math.max(1, (int) Math.round(fraction * identities.size()));
    return new TreeSet<>(identities.subList(0, Math.min(count, identities.size())));
  }

  /**
   * The samples to make of {@code faces}: per face {@code reals} real ones, {@code selfs}
   * self-blends and {@code crosses} cross blends, each cross blend with a partner of another
   * identity drawn among the faces whose landmark shape is nearest (a landmark-matched swap).
   */
  static List<Job> jobs(List<TrainingFace> faces, int reals, int selfs, int crosses, long seed) {
    float[][] shapes = new float[faces.size()][];
    for (int i = 0; i < shapes.length; i++) {
      float[] lm = faces.get(i).landmarks();
      shapes[i] = FaceAlignment.map(FaceAlignment.invert(FaceAlignment.cropToImage(lm, BlendGenerator.SIZE)), lm);
    }
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      for (int k = 0; k < reals; k++) {
        jobs.add(new Job(i, BlendGenerator.Kind.REAL, k, -1));
      }
      for (int k = 0; k < selfs; k++) {
        jobs.add(new Job(i, BlendGenerator.Kind.SELF, k, -1));
      }
      List<Integer> nearest = nearest(faces, shapes, i);
      SplittableRandom random = new SplittableRandom(seed ^ (0x5DEECE66DL * (i + 1)));
      for (int k = 0; k < crosses && !nearest.isEmpty(); k++) {
        jobs.add(new Job(i, BlendGenerator.Kind.CROSS, k, nearest.get(random.nextInt(nearest.size()))));
      }
    }
    return jobs;
  }

  private static List<Integer> nearest(List<TrainingFace> faces, float[][] shapes, int i) {
    List<Integer> others = new ArrayList<>();
    for (int j = 0; j < faces.size(); j++) {
      if (!faces.get(j).identity().equals(faces.get(i).identity())) {
        others.add(j);
      }
    }
    others.sort(Comparator.comparingDouble(j -> distance(shapes[i], shapes[j])));
    return others.subList(0, Math.min(PARTNER_CANDIDATES, others.size()));
  }

  private static double distance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  /** Makes one sample: a planar BGR crop of the model's side. */
  static float[] make(List<TrainingFace> faces, Job job, long seed) {
    long sampleSeed = seed * 0x9E3779B97F4A7C15L + job.face() * 1_000_003L + job.variant() * 131L + job.kind().ordinal();
    SplittableRandom random = new SplittableRandom(sampleSeed);
    TrainingFace face = faces.get(job.face());
    return switch (job.kind()) {
      case REAL -> BlendGenerator.real(face, random);
      case SELF -> BlendGenerator.selfBlend(face, random);
      case CROSS -> BlendGenerator.crossBlend(face, faces.get(job.partner()), random);
    };
  }
}
