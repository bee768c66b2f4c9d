package org.bonafide.biometrics.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converter on a TensorFlow.js graph model written by the test: every op the face-mesh, iris
 * and hand models use, with weights stored as float32 and as float16, run by ONNX Runtime and
 * compared with the same network computed directly in NHWC.
 */
class TfjsToOnnxTest {
  private static final int H = 7;
  private static final int W = 6;
  private static final int C = 2;
  private static final int F = 3; // filters of the first convolution

  @TempDir Path dir;

  private final Random random = new Random(21);
  private final List<String> nodes = new ArrayList<>();
  private final List<String> manifest = new ArrayList<>();
  private final ByteBuffer weights = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

  @Test
  void convertedGraphComputesWhatTheTensorFlowGraphDoes() throws Exception {
    float[] k1 = values(3 * 3 * C * F);
    float[] b1 = values(F);
    float[] alpha = values(F);
    float[] dw = values(3 * 3 * F);
    float[] addC = values(F);
    float[] dense = values(F * 2);
    float[] denseBias = values(2);
    constFloat("k1", new int[] {3, 3, C, F}, k1, true);
    constFloat("b1", new int[] {F}, b1, false);
    constFloat("alpha", new int[] {1, 1, F}, alpha, true);
    constFloat("dw", new int[] {3, 3, F, 1}, dw, false);
    constFloat("addc", new int[] {F}, addC, false);
    constInt("pads", new int[] {4, 2}, new int[] {0, 0, 0, 0, 0, 0, 0, 2});
    constInt("shape", new int[] {2}, new int[] {-1, 0}); // filled in below
    constInt("axes", new int[] {2}, new int[] {1, 2});
    constInt("axis", new int[0], new int[] {3});
    constFloat("dense", new int[] {F, 2}, dense, false);
    constFloat("denseb", new int[] {2}, denseBias, false);
    node("input", "Placeholder", List.of(), "\"shape\":{\"shape\":{\"dim\":[{\"size\":\"-1\"},{\"size\":\"" + H + "\"},{\"size\":\"" + W + "\"},{\"size\":\"" + C + "\"}]}}");
    node("conv", "_FusedConv2D", List.of("input", "k1", "b1", "alpha"),
        "\"fused_ops\":{\"list\":{\"s\":[\"" + b64("BiasAdd") + "\",\"" + b64("Prelu") + "\"]}},\"strides\":{\"list\":{\"i\":[\"1\",\"2\",\"2\",\"1\"]}},\"padding\":{\"s\":\"" + b64("SAME") + "\"},\"dilations\":{\"list\":{\"i\":[\"1\",\"1\",\"1\",\"1\"]}}");
    node("depthwise", "DepthwiseConv2dNative", List.of("conv", "dw"),
        "\"strides\":{\"list\":{\"i\":[\"1\",\"1\",\"1\",\"1\"]}},\"padding\":{\"s\":\"" + b64("SAME") + "\"}");
    node("add", "AddV2", List.of("depthwise", "addc"), "");
    node("relu6", "Relu6", List.of("add"), "");
    node("sum", "AddN", List.of("relu6", "conv"), "");
    node("pad", "Pad", List.of("sum", "pads"), "");
    node("pool", "MaxPool", List.of("pad"),
        "\"ksize\":{\"list\":{\"i\":[\"1\",\"2\",\"2\",\"1\"]}},\"strides\":{\"list\":{\"i\":[\"1\",\"2\",\"2\",\"1\"]}},\"padding\":{\"s\":\"" + b64("VALID") + "\"}");
    node("flat", "Reshape", List.of("pool", "shape"), "");
    node("mean", "Mean", List.of("sum", "axes"), "\"keep_dims\":{\"b\":false}");
    node("fc", "_FusedMatMul", List.of("mean", "dense", "denseb"),
        "\"fused_ops\":{\"list\":{\"s\":[\"" + b64("BiasAdd") + "\"]}},\"transpose_a\":{\"b\":false},\"transpose_b\":{\"b\":false}");
    node("Identity", "Identity", List.of("flat"), "");
    node("Identity_1", "Sigmoid", List.of("fc"), "");
    node("cat", "ConcatV2", List.of("sum", "relu6", "axis"), "");

    // reference, NHWC
    float[] x = values(H * W * C);
    int h1 = (H + 1) / 2;
    int w1 = (W + 1) / 2;
    float[] conv = new float[h1 * w1 * F];
    int padTop = Math.max(0, ((h1 - 1) * 2 + 3 - H) / 2);
    int padLeft = Math.max(0, ((w1 - 1) * 2 + 3 - W) / 2);
    float[] k1h = halves(k1);
    float[] alphah = halves(alpha);
    for (int y = 0; y < h1; y++) {
      for (int xx = 0; xx < w1; xx++) {
        for (int f = 0; f < F; f++) {
          double s = b1[f];
          for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
              int sy = y * 2 + ky - padTop;
              int sx = xx * 2 + kx - padLeft;
              if (sy < 0 || sx < 0 || sy >= H || sx >= W) {
                continue;
              }
              for (int c = 0; c < C; c++) {
                s += x[(sy * W + sx) * C + c] * k1h[((ky * 3 + kx) * C + c) * F + f];
              }
            }
          }
          conv[(y * w1 + xx) * F + f] = (float) (s >= 0 ? s : alphah[f] * s);
        }
      }
    }
    float[] sum = new float[conv.length];
    float[] relu6 = new float[conv.length];
    for (int y = 0; y < h1; y++) {
      for (int xx = 0; xx < w1; xx++) {
        for (int f = 0; f < F; f++) {
          double s = 0;
          for (int ky = -1; ky <= 1; ky++) {
            for (int kx = -1; kx <= 1; kx++) {
              int sy = y + ky;
              int sx = xx + kx;
              if (sy >= 0 && sx >= 0 && sy < h1 && sx < w1) {
                s += conv[(sy * w1 + sx) * F + f] * dw[((ky + 1) * 3 + kx + 1) * F + f];
              }
            }
          }
          int i = (y * w1 + xx) * F + f;
          relu6[i] = (float) Math.min(6, Math.max(0, s + addC[f]));
          sum[i] = relu6[i] + conv[i];
        }
      }
    }
    int fp = F + 2; // channel padding
    int h2 = h1 / 2;
    int w2 = w1 / 2;
    float[] pooled = new float[h2 * w2 * fp];
    for (int y = 0; y < h2; y++) {
      for (int xx = 0; xx < w2; xx++) {
        for (int f = 0; f < fp; f++) {
          float m = -Float.MAX_VALUE;
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              m = Math.max(m, f < F ? sum[((y * 2 + dy) * w1 + xx * 2 + dx) * F + f] : 0);
            }
          }
          pooled[(y * w2 + xx) * fp + f] = m;
        }
      }
    }
    weights.putInt(shapeOffset, pooled.length);
    float[] logits = new float[2];
    for (int o = 0; o < 2; o++) {
      double s = denseBias[o];
      for (int f = 0; f < F; f++) {
        double mean = 0;
        for (int i = 0; i < h1 * w1; i++) {
          mean += sum[i * F + f] / (h1 * w1);
        }
        s += mean * dense[f * 2 + o];
      }
      logits[o] = (float) (1 / (1 + Math.exp(-s)));
    }

    Path json = write();
    byte[] onnx = TfjsToOnnx.convert(json);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, H, W, C});
        OrtSession.Result result = session.run(Map.of("input", in))) {
      float[] flat = floats(result.get("Identity").orElseThrow());
      float[] dense2 = floats(result.get("Identity_1").orElseThrow());
      float[] cat = floats(result.get("cat").orElseThrow());
      assertThat(flat).hasSize(pooled.length);
      for (int i = 0; i < flat.length; i++) {
        assertThat(flat[i]).as("flattened pool %d", i).isCloseTo(pooled[i], org.assertj.core.data.Offset.offset(1e-4f));
      }
      assertThat(dense2[0]).isCloseTo(logits[0], org.assertj.core.data.Offset.offset(1e-4f));
      assertThat(dense2[1]).isCloseTo(logits[1], org.assertj.core.data.Offset.offset(1e-4f));
      // concatenation along channels, back in NHWC
      assertThat(cat).hasSize(h1 * w1 * 2 * F);
      for (int p = 0; p < h1 * w1; p++) {
        for (int f = 0; f < F; f++) {
          assertThat(cat[p * 2 * F + f]).isCloseTo(sum[p * F + f], org.assertj.core.data.Offset.offset(1e-4f));
          assertThat(cat[p * 2 * F + F + f]).isCloseTo(relu6[p * F + f], org.assertj.core.data.Offset.offset(1e-4f));
        }
      }
    }
  }

  @Test
  void refusesAnOpItDoesNotKnowByName() throws Exception {
    node("input", "Placeholder", List.of(), "\"shape\":{\"shape\":{\"dim\":[{\"size\":\"1\"},{\"size\":\"4\"},{\"size\":\"4\"},{\"size\":\"1\"}]}}");
    node("odd", "ResizeBilinear", List.of("input"), "");
    Path json = write();
    assertThatThrownBy(() -> TfjsToOnnx.convert(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ResizeBilinear");
  }

  @Test
  void halfPrecisionWeightsExpandExactly() {
    assertThat(TfjsModel.halfToFloat((short) 0x3c00)).isEqualTo(1f);
    assertThat(TfjsModel.halfToFloat((short) 0xc000)).isEqualTo(-2f);
    assertThat(TfjsModel.halfToFloat((short) 0x3555)).isCloseTo(0.33325f, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(TfjsModel.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(TfjsModel.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
  }

  // ---- writing the model -----------------------------------------------------------------

  private int shapeOffset;

  private float[] values(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** The values as a float16 round trip, as the model will hold them. */
  private static float[] halves(float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = TfjsModel.halfToFloat(toHalf(v[i]));
    }
    return out;
  }

  private static short toHalf(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
    int mantissa = (bits >>> 13) & 0x3ff;
    if (exponent <= 0) {
      return (short) sign;
    }
    return (short) (sign | (exponent << 10) | mantissa);
  }

  private void constFloat(String name, int[] shape, float[] v, boolean half) {
    node(name, "Const", List.of(), "");
    if (half) {
      for (float f : v) {
        weights.putShort(toHalf(f));
      }
      manifest.add(weight(name, shape, "float32") .replace("}", ",\"quantization\":{\"dtype\":\"float16\",\"original_dtype\":\"float32\"}}"));
    } else {
      for (float f : v) {
        weights.putFloat(f);
      }
      manifest.add(weight(name, shape, "float32"));
    }
  }

  private void constInt(String name, int[] shape, int[] v) {
    node(name, "Const", List.of(), "");
    if (name.equals("shape")) {
      shapeOffset = weights.position() + 4;
    }
    for (int i : v) {
      weights.putInt(i);
    }
    manifest.add(weight(name, shape, "int32"));
  }

  private static String weight(String name, int[] shape, String dtype) {
    StringBuilder s = new StringBuilder("{\"name\":\"" + name + "\",\"shape\":[");
    for (int i = 0; i < shape.length; i++) {
      s.append(i > 0 ? "," : "").append(shape[i]);
    }
    return s.append("],\"dtype\":\"").append(dtype).append("\"}").toString();
  }

  private void node(String name, String op, List<String> inputs, String attr) {
    StringBuilder in = new StringBuilder();
    for (String i : inputs) {
      in.append(in.length() > 0 ? "," : "").append('"').append(i).append('"');
    }
    nodes.add("{\"name\":\"" + name + "\",\"op\":\"" + op + "\",\"input\":[" + in + "],\"attr\":{" + attr + "}}");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  private Path write() throws Exception {
    String json =
        "{\"format\":\"graph-model\",\"modelTopology\":{\"node\":["
            + String.join(",", nodes)
            + "]},\"weightsManifest\":[{\"paths\":[\"model.bin\"],\"weights\":["
            + String.join(",", manifest)
            + "]}]}";
    Files.writeString(dir.resolve("model.json"), json);
    byte[] bin = new byte[weights.position()];
    weights.duplicate().flip().get(bin);
    Files.write(dir.resolve("model.bin"), bin);
    return dir.resolve("model.json");
  }

  private static float[] floats(ai.onnxruntime.OnnxValue value) throws Exception {
    FloatBuffer b = ((OnnxTensor) value).getFloatBuffer();
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }
}
