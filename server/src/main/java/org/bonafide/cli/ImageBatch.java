package org.bonafide.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Analyses each image of an evaluation once: read, decode, detect, then one measurement on the
 * most prominent face. An image that cannot be read or decoded, or holds no face, is a failure to enrol
 * with its catalogued error code; anything else (a model that fails to run) stops the run.
 *
 * <p>Public for the evaluations in {@code org.bonafide.cli.eval}.
 */
public final class ImageBatch {
  /** What an evaluation measures on the most prominent face of a decoded image. */
  @FunctionalInterface
  public interface Measure<T> {
    T apply(FaceEngine engine, DecodedImage image, Detection subject);
  }

  /**
   * The result for one image.
   *
   * @param value the measurement, null on failure
   * @param error the catalogued error code of a failure, null on success
   * @param detail the failure's message, null on success
   * @param nanos time spent on this image, reading the file included
   */
  public record Outcome<T>(T value, String error, String detail, long nanos) {
    public boolean ok() {
      return error == null;
    }
  }

  private ImageBatch() {}

  /** A decoded image file and its faces, the subject (most prominent) first; never empty. */
  record Loaded(DecodedImage image, List<Detection> faces) {
    Detection subject() {
      return faces.get(0);
    }
  }

  /**
   * Reads, decodes and detects. A file that cannot be read or decoded, or shows no face, fails with
   * a catalogued error that names the file.
   */
  static Loaded load(FaceEngine engine, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.IMAGE_UNREADABLE, "Cannot read " + file + ": " + e.getMessage());
    }
    DecodedImage image;
    try {
      image = engine.decode(bytes);
    } catch (BonafideException e) {
      throw new BonafideException(e.errorCode(), file + ": " + e.getMessage(), e.properties(), e);
    }
    List<Detection> faces = engine.detect(image);
    if (faces.isEmpty()) {
      throw new BonafideException(ErrorCode.NO_FACE, "No face found in " + file + ".");
    }
    return new Loaded(image, faces);
  }

  /**
   * Adds the keys every evaluation ends with: time per image, elapsed time, workers, the images
   * that failed to enrol (name to error code) and the notes.
   */
  public static ObjectNode summary(
      ObjectNode r,
      CommandContext ctx,
      long startNanos,
      long imageNanos,
      int images,
      int workers,
      ObjectNode failedImages,
      List<String> notes) {
    Json.millis(r, "ms_per_image", images == 0 ? Double.NaN : (double) imageNanos / images);
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - startNanos);
    r.put("workers", workers);
    r.set("failed_images", failedImages);
    ArrayNode notesNode = r.putArray("notes");
    notes.forEach(notesNode::add);
    return r;
  }

  public static <T> List<Outcome<T>> run(
      FaceEngine engine, List<Path> files, int workers, Progress progress, LongSupplier nanoClock, Measure<T> measure) {
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "bonafide-eval");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome<T>>> futures = new ArrayList<>(files.size());
      for (Path file : files) {
        futures.add(pool.submit(() -> {
          Outcome<T> outcome = one(engine, file, nanoClock, measure);
          progress.step();
          return outcome;
        }));
      }
      List<Outcome<T>> outcomes = new ArrayList<>(files.size());
      for (Future<Outcome<T>> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  static <T> Outcome<T> one(FaceEngine engine, Path file, LongSupplier nanoClock, Measure<T> measure) {
    long start = nanoClock.getAsLong();
    try {
      Loaded loaded = load(engine, file);
      T value = measure.apply(engine, loaded.image(), loaded.subject());
      return new Outcome<>(value, null, null, nanoClock.getAsLong() - start);
    } catch (BonafideException e) {
      return new Outcome<>(null, e.errorCode().code(), e.getMessage(), nanoClock.getAsLong() - start);
    }
  }
}
