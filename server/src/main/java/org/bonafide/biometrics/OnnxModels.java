package org.bonafide.biometrics;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The ONNX Runtime sessions of the face models: created once from the jar's {@code /models}
 * folder, shared by every thread (an {@link OrtSession} is safe for concurrent {@code run}).
 */
public final class OnnxModels implements AutoCloseable {
  private final OrtEnvironment env;
  private final Map<FaceModel, OrtSession> sessions = new EnumMap<>(FaceModel.class);
  private final Map<FaceModel, String> inputNames = new EnumMap<>(FaceModel.class);
  private final ModelTimer timer;
  /**
   * Direct input buffers, reused: ONNX Runtime reads a direct buffer in place, where a heap array
   * would be copied into a freshly allocated native buffer on every call. One buffer per concurrent
   * call, at most {@link #POOLED_BUFFERS} kept per model.
   */
  private final Map<FaceModel, ArrayBlockingQueue<FloatBuffer>> inputBuffers = new EnumMap<>(FaceModel.class);

  private static final int POOLED_BUFFERS = 16;

  public OnnxModels(int intraOpThreads, int interOpThreads, ModelTimer timer) {
    this.env = OrtEnvironment.getEnvironment();
    this.timer = timer;
    try {
      for (FaceModel model : FaceModel.values()) {
        byte[] bytes = readModel(model);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
          options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
          if (intraOpThreads > 0) {
            options.setIntraOpNumThreads(intraOpThreads);
          }
          if (interOpThreads > 0) {
            options.setInterOpNumThreads(interOpThreads);
          }
          OrtSession session = env.createSession(bytes, options);
          sessions.put(model, session);
          inputNames.put(model, session.getInputNames().iterator().next());
          inputBuffers.put(model, new ArrayBlockingQueue<>(POOLED_BUFFERS));
        }
      }
    } catch (OrtException e) {
      close();
      throw new IllegalStateException("ONNX Runtime could not load the face models: " + e.getMessage(), e);
    }
  }

  private static byte[] readModel(FaceModel model) {
    String resource = "/models/" + model.fileName();
    try (InputStream in = OnnxModels.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "Face model "
                + model.fileName()
                + " is missing from the classpath ("
                + resource
                + "). The build fetches it from npm (faceplugin-face-recognition-js@0.0.1) and"
                + " checks its SHA-256: run './mvnw -B package' with npm installed, then start again.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read face model " + resource + ": " + e.getMessage(), e);
    }
  }

  /** The shared session of a model (for benchmarks that time the bare model call). */
  public OrtSession session(FaceModel model) {
    return sessions.get(model);
  }

  public OrtEnvironment environment() {
    return env;
  }

  /**
   * Runs a model on one float tensor and returns every output flattened, in the session's output
   * order.
   */
  public float[][] run(FaceModel model, float[] input, long[] shape) {
    long start = System.nanoTime();
    ArrayBlockingQueue<FloatBuffer> pool = inputBuffers.get(model);
    FloatBuffer buffer = pool.poll();
    if (buffer == null || buffer.capacity() < input.length) {
      buffer = ByteBuffer.allocateDirect(input.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
    buffer.clear();
    buffer.put(input).flip();
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape);
        OrtSession.Result result = sessions.get(model).run(Map.of(inputNames.get(model), tensor))) {
      float[][] outputs = new float[result.size()][];
      for (int i = 0; i < result.size(); i++) {
        outputs[i] = toArray(((OnnxTensor) result.get(i)).getFloatBuffer());
      }
      return outputs;
    } catch (OrtException e) {
      throw new IllegalStateException("Model " + model.id() + " failed: " + e.getMessage(), e);
    } finally {
      pool.offer(buffer);
      timer.record(model, System.nanoTime() - start);
    }
  }

  /** The output values; the runtime already hands over a fresh heap copy, so no second copy. */
  private static float[] toArray(FloatBuffer buffer) {
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0 && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    float[] values = new float[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  public String inputName(FaceModel model) {
    return inputNames.get(model);
  }

  @Override
  public void close() {
    for (OrtSession session : sessions.values()) {
      try {
        session.close();
      } catch (OrtException e) {
        // closing releases native memory; a failure here leaves nothing for the caller to do
      }
    }
    sessions.clear();
  }
}
