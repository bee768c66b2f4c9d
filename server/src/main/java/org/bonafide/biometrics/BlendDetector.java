package org.bonafide.biometrics;

import static com.google.common.base.Preconditions.checkArgument;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The learned blend detector: the probability that a face is a blend of two images inside a
 * face-shaped mask (the boundary a face swap leaves), from a CNN trained on self-blended images of
 * real faces only ({@code docs/models/blend-detector.md}).
 *
 * <p>Input: the face cut by {@link FaceAlignment#modelCrop} (128x128), RGB, {@code (v / 255 - 0.5) /
 * 0.5}, NCHW, input name {@code input}; output: one probability per face. Thread-safe (an {@link
 * OrtSession} runs concurrent calls); one intra-op thread per call. Close it to free the native
 * session.
 */
public final class BlendDetector implements AutoCloseable {
  /** Where the shipped model lives on the classpath. */
  public static final String RESOURCE = "/models/blend-detector.onnx";

  private static final int SIZE = FaceAlignment.MODEL_SIZE;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String inputName;

  private BlendDetector(byte[] model) {
    this.env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      this.session = env.createSession(model, options);
      this.inputName = session.getInputNames().iterator().next();
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not load the blend detector: " + e.getMessage(), e);
    }
  }

  /** The shipped model, from {@link #RESOURCE}. */
  public static BlendDetector load() {
    try (InputStream in = BlendDetector.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The blend detector model " + RESOURCE + " is missing from the classpath.");
      }
      return new BlendDetector(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the blend detector model: " + e.getMessage(), e);
    }
  }

  /** A model file (one that {@code train blend-detector} wrote). */
  public static BlendDetector load(Path file) {
    try {
      return new BlendDetector(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the blend detector model " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The probability that the face is a blend, in [0, 1].
   *
   * @param image the decoded image
   * @param landmarks68 the face's 68 landmarks in image pixels, as {@link FaceEngine#landmarks} returns them
   */
  public double score(DecodedImage image, float[] landmarks68) {
    return scoreCrop(FaceAlignment.modelCrop(image, landmarks68));
  }

  /**
   * The probability that an aligned crop is a blend.
   *
   * @param crop planar BGR 0-255 of side {@link FaceAlignment#MODEL_SIZE}, as {@link
   *     FaceAlignment#modelCrop} cuts it
   */
  public double scoreCrop(float[] crop) {
    checkArgument(crop.length == 3 * SIZE * SIZE, "a crop holds 3x%sx%s values, not %s", SIZE, SIZE, crop.length);
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input(crop)), new long[] {1, 3, SIZE, SIZE});
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      return out.get(0);
    } catch (OrtException e) {
      throw new IllegalStateException("The blend detector failed: " + e.getMessage(), e);
    }
  }

  /** Planar BGR 0-255 to the model's planar RGB scaled to [-1, 1]. */
  static float[] input(float[] bgr) {
    int plane = SIZE * SIZE;
    float[] rgb = new float[3 * plane];
    for (int c = 0; c < 3; c++) {
      int from = (2 - c) * plane;
      int to = c * plane;
      for (int i = 0; i < plane; i++) {
        rgb[to + i] = bgr[from + i] / 127.5f - 1f;
      }
    }
    return rgb;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // closing releases native memory; a failure here leaves nothing for the caller to do
    }
  }
}
