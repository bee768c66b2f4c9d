package org.bonafide.cli.train;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.bonafide.biometrics.BlendDetector;
import org.bonafide.biometrics.FaceAlignment;
import org.bonafide.biometrics.FaceEngine;

/**
 * {@code train blend-detector}: makes real crops and self- and cross-blended pseudo-fakes of the
 * training people into a work folder (PNG files and {@code labels.csv}), runs the PyTorch trainer
 * ({@code training/blend_detector.py}, shipped in the jar) on them, and scores the held-out
 * people's samples with the exported model through {@link BlendDetector}, the runtime path.
 *
 * <p>A second run with the same work folder and settings reuses the samples, and the trainer
 * resumes from its last epoch's checkpoint.
 */
public final class BlendDetectorTraining {
  static final String TRAINER_RESOURCE = "/training/blend_detector.py";

  /**
   * What to train on and how.
   *
   * @param faces the folder of face photos
   * @param out the ONNX file to write
   * @param work the folder for samples, labels, checkpoints and the trainer's log
   * @param epochs training epochs
   * @param seed seeds the split, the samples and the trainer
   * @param holdoutFraction share of identities held out (never trained on)
   * @param perFace samples of each class (real, blended) per training face
   * @param heldOutPerFace samples of each kind (real, self, cross) per held-out face
   * @param python the interpreter that has torch, torchvision and onnx
   * @param identityFromPrefix whether the file name's prefix before an underscore names the person
   */
  public record Settings(
      Path faces,
      Path out,
      Path work,
      int epochs,
      long seed,
      double holdoutFraction,
      int perFace,
      int heldOutPerFace,
      String python,
      boolean identityFromPrefix) {}

  /**
   * What the run did and how the result scores the held-out people.
   *
   * @param heldOutScores the model's scores on the held-out samples by kind ({@code real}, {@code
   *     self}, {@code cross})
   * @param msPerCrop mean milliseconds of one scored crop, one thread
   */
  public record Outcome(
      int trainFaces,
      int trainIdentities,
      int videoFrames,
      int heldOutFaces,
      int heldOutIdentities,
      int trainSamples,
      int heldOutSamples,
      boolean samplesReused,
      double generationSeconds,
      double trainingSeconds,
      Map<String, double[]> heldOutScores,
      double msPerCrop) {}

  private BlendDetectorTraining() {}

  /**
   * The interpreter to train with when none is named: {@code python3} on the path when it has
   * torch, else Debian's {@code /usr/bin/python3} (where {@code apt-get install python3-torch}
   * puts it, which a Python on the path from another installer hides) when that has it; else
   * {@code python3}, for {@link #checkTrainer} to say what is missing.
   */
  public static String defaultTrainer() {
    for (String candidate : new String[] {"python3", "/usr/bin/python3"}) {
      try {
        checkTrainer(candidate);
        return candidate;
      } catch (IllegalStateException e) {
        // try the next one; the last word is checkTrainer's on python3
      }
    }
    return "python3";
  }

  /** Fails with a message saying what to install unless the interpreter has torch, torchvision and onnx. */
  public static void checkTrainer(String python) {
    String missing =
        "train blend-detector runs its trainer with Python 3 and PyTorch: it needs "
            + python
            + " with the modules torch, torchvision and onnx (on Debian 12: apt-get install python3-torch"
            + " python3-torchvision python3-onnx; --python names another interpreter)";
    try {
      Process p = new ProcessBuilder(python, "-c", "import torch, torchvision, onnx").redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(missing + ": " + lastLine(output));
      }
    } catch (IOException e) {
      throw new IllegalStateException(missing + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the trainer", e);
    }
  }

  private static String lastLine(String text) {
    int nl = text.lastIndexOf('\n');
    return nl < 0 ? text : text.substring(nl + 1);
  }

  public static Outcome run(Settings s, List<BufferedImage> videoFrames, FaceEngine engine, PrintStream err, LongSupplier clock) {
    checkTrainer(s.python());
    List<Path> files = BlendData.imageFiles(s.faces());
    long start = clock.getAsLong();
    String manifest =
        String.format(
            Locale.ROOT,
            "generator=1 faces=%s files=%d video-frames=%d seed=%d holdout=%s per-face=%d held-out-per-face=%d identities=%s%n",
            s.faces().toAbsolutePath().normalize(),
            files.size(),
            videoFrames.size(),
            s.seed(),
            s.holdoutFraction(),
            s.perFace(),
            s.heldOutPerFace(),
            s.identityFromPrefix() ? "prefix" : "file");
    Path labels = s.work().resolve("labels.csv");
    Path manifestFile = s.work().resolve("dataset.txt");
    List<TrainingFace> faces = BlendData.read(files, s.identityFromPrefix(), engine, err);
    Set<String> heldOut = BlendData.heldOut(faces, s.holdoutFraction(), s.seed());
    List<TrainingFace> train = faces.stream().filter(f -> !heldOut.contains(f.identity())).toList();
    List<TrainingFace> held = faces.stream().filter(f -> heldOut.contains(f.identity())).toList();
    List<TrainingFace> trainWithVideo = new ArrayList<>(train);
    for (int i = 0; i < videoFrames.size(); i++) {
      TrainingFace face = BlendData.face(String.format(Locale.ROOT, "video-%04d", i), "video", videoFrames.get(i), engine);
      if (face != null) {
        trainWithVideo.add(face);
      }
    }
    int videoFaces = trainWithVideo.size() - train.size();
    err.printf(
        Locale.ROOT,
        "[bonafide] %d training faces (%d identities) + %d video frames, %d held-out faces (%d identities: %s)%n",
        train.size(),
        train.stream().map(TrainingFace::identity).distinct().count(),
        videoFaces,
        held.size(),
        heldOut.size(),
        String.join(" ", heldOut));
    int selfs = Math.round(s.perFace() * 2 / 3f);
    List<BlendData.Job> trainJobs = new ArrayList<>(BlendData.jobs(train, s.perFace(), selfs, s.perFace() - selfs, s.seed()));
    // the video's frames: one person seen many times, so fewer samples a frame
    int frameReals = Math.max(1, s.perFace() / 4);
    int frameSelfs = Math.max(1, s.perFace() / 6);
    int frameCrosses = Math.max(0, s.perFace() / 4 - s.perFace() / 6);
    List<BlendData.Job> all = BlendData.jobs(trainWithVideo, frameReals, frameSelfs, frameCrosses, s.seed() + 7);
    for (BlendData.Job job : all) {
      if (job.face() >= train.size()) {
        trainJobs.add(job);
      }
    }
    List<BlendData.Job> heldJobs = BlendData.jobs(held, s.heldOutPerFace(), s.heldOutPerFace(), s.heldOutPerFace(), s.seed() + 1);
    boolean reuse = false;
    try {
      Files.createDirectories(s.work());
      reuse = Files.isRegularFile(labels) && Files.isRegularFile(manifestFile) && Files.readString(manifestFile).equals(manifest);
      if (!reuse) {
        Files.deleteIfExists(manifestFile);
        // a checkpoint of other samples must not be resumed
        Files.deleteIfExists(s.work().resolve("checkpoints").resolve("last.pt"));
        List<String> rows = new ArrayList<>();
        rows.add("file,label,kind,identity,split");
        rows.addAll(write(trainWithVideo, trainJobs, s.work(), "train", s.seed(), err));
        rows.addAll(write(held, heldJobs, s.work(), "heldout", s.seed() + 1, err));
        Files.write(labels, rows, StandardCharsets.UTF_8);
        Files.writeString(manifestFile, manifest);
      } else {
        err.println("[bonafide] samples in " + s.work() + " match these settings: reused");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double generation = (clock.getAsLong() - start) / 1e9;
    long trainStart = clock.getAsLong();
    train(s, err);
    double training = (clock.getAsLong() - trainStart) / 1e9;
    Map<String, double[]> scores = new LinkedHashMap<>();
    long scoring = 0;
    int scored = 0;
    try (BlendDetector detector = BlendDetector.load(s.out())) {
      for (BlendGenerator.Kind kind : BlendGenerator.Kind.values()) {
        List<BlendData.Job> ofKind = heldJobs.stream().filter(j -> j.kind() == kind).toList();
        double[] values = new double[ofKind.size()];
        for (int i = 0; i < values.length; i++) {
          float[] crop = read(s.work().resolve(fileName("heldout", held, ofKind.get(i))));
          long t = clock.getAsLong();
          values[i] = detector.scoreCrop(crop);
          scoring += clock.getAsLong() - t;
        }
        scored += values.length;
        scores.put(kind.id(), values);
      }
    }
    double msPerCrop = scored == 0 ? Double.NaN : scoring / 1e6 / scored;
    return new Outcome(
        train.size(),
        (int) train.stream().map(TrainingFace::identity).distinct().count(),
        videoFaces,
        held.size(),
        heldOut.size(),
        trainJobs.size(),
        heldJobs.size(),
        reuse,
        generation,
        training,
        scores,
        msPerCrop);
  }

  static String fileName(String split, List<TrainingFace> faces, BlendData.Job job) {
    String name = faces.get(job.face()).name();
    int dot = name.indexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return String.format(Locale.ROOT, "images/%s/%s-%s-%02d.png", split, stem, job.kind().id(), job.variant());
  }

  private static List<String> write(List<TrainingFace> faces, List<BlendData.Job> jobs, Path work, String split, long seed, PrintStream err)
      throws IOException {
    Files.createDirectories(work.resolve("images").resolve(split));
    String[] rows = new String[jobs.size()];
    AtomicInteger done = new AtomicInteger();
    IntStream.range(0, jobs.size())
        .parallel()
        .forEach(
            i -> {
              BlendData.Job job = jobs.get(i);
              String file = fileName(split, faces, job);
              float[] crop = BlendData.make(faces, job, seed);
              try {
                ImageIO.write(Planes.toImage(crop, FaceAlignment.MODEL_SIZE), "png", work.resolve(file).toFile());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              rows[i] =
                  String.join(
                      ",", file, job.kind().blended() ? "1" : "0", job.kind().id(), faces.get(job.face()).identity(), split);
              int n = done.incrementAndGet();
              if (n % 500 == 0 || n == jobs.size()) {
                err.printf(Locale.ROOT, "[bonafide] %s samples: %d/%d%n", split, n, jobs.size());
              }
            });
    return List.of(rows);
  }

  private static float[] read(Path png) {
    try {
      return Planes.fromImage(ImageIO.read(png.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the trainer, niced, its output copied to standard error; fails when it fails. */
  private static void train(Settings s, PrintStream err) {
    Path script = s.work().resolve("blend_detector.py");
    try (InputStream in = BlendDetectorTraining.class.getResourceAsStream(TRAINER_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The trainer " + TRAINER_RESOURCE + " is missing from the jar.");
      }
      Files.write(script, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
      command.addAll(List.of("/usr/bin/nice", "-n", "10"));
    }
    command.addAll(
        List.of(
            s.python(),
            script.toString(),
            "--work",
            s.work().toString(),
            "--out",
            s.out().toAbsolutePath().toString(),
            "--epochs",
            Integer.toString(s.epochs()),
            "--seed",
            Long.toString(s.seed())));
    err.println("[bonafide] trainer: " + String.join(" ", command));
    try {
      if (s.out().toAbsolutePath().getParent() != null) {
        Files.createDirectories(s.out().toAbsolutePath().getParent());
      }
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          err.println("[trainer] " + line);
        }
      }
      int status = p.waitFor();
      if (status != 0) {
        throw new IllegalStateException("The trainer failed (exit " + status + "); its output is above.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    }
  }
}
