package org.bonafide.biometrics.tfjs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TensorFlow.js graph model as its converter writes it: {@code model.json} (a GraphDef as JSON
 * and a weights manifest) beside the binary weight shards, which are the weights back to back in
 * manifest order. Weights quantised to float16 or to 8/16-bit integers are expanded to float32.
 */
final class TfjsModel {
  /** One node of the graph; attribute values are the JSON of the GraphDef's AttrValue. */
  record Node(String name, String op, List<String> inputs, JsonNode attr) {
    String string(String key) {
      JsonNode s = attr.path(key).path("s");
      return s.isMissingNode() ? null : new String(Base64.getDecoder().decode(s.asString()), StandardCharsets.UTF_8);
    }

    long[] ints(String key) {
      JsonNode list = attr.path(key).path("list").path("i");
      long[] values = new long[list.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = Long.parseLong(list.get(i).asString());
      }
      return values;
    }

    boolean bool(String key) {
      return attr.path(key).path("b").asBoolean(false);
    }

    float floatValue(String key, float otherwise) {
      JsonNode f = attr.path(key).path("f");
      return f.isMissingNode() ? otherwise : (float) f.asDouble();
    }

    List<String> strings(String key) {
      List<String> values = new ArrayList<>();
      for (JsonNode s : attr.path(key).path("list").path("s")) {
        values.add(new String(Base64.getDecoder().decode(s.asString()), StandardCharsets.UTF_8));
      }
      return values;
    }

    long[] inputShape() {
      JsonNode dims = attr.path("shape").path("shape").path("dim");
      long[] shape = new long[dims.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = Long.parseLong(dims.get(i).path("size").asString("-1"));
      }
      return shape;
    }
  }

  /** A constant: shape and values (floats, or integers for shapes, paddings and axes). */
  record Weight(String name, long[] shape, float[] floats, long[] ints) {
    int size() {
      return floats != null ? floats.length : ints.length;
    }
  }

  final List<Node> nodes;
  final Map<String, Weight> weights;

  private TfjsModel(List<Node> nodes, Map<String, Weight> weights) {
    this.nodes = nodes;
    this.weights = weights;
  }

  static TfjsModel read(Path modelJson) throws IOException {
    JsonNode root = JsonMapper.builder().build().readTree(Files.readString(modelJson));
    if (!"graph-model".equals(root.path("format").asString(""))) {
      throw new IllegalArgumentException(modelJson + " is not a TensorFlow.js graph model (format " + root.path("format") + ")");
    }
    List<Node> nodes = new ArrayList<>();
    for (JsonNode n : root.path("modelTopology").path("node")) {
      List<String> inputs = new ArrayList<>();
      for (JsonNode i : n.path("input")) {
        String input = i.asString();
        if (!input.startsWith("^")) { // control dependencies carry no data
          inputs.add(input.replaceAll(":0$", ""));
        }
      }
      nodes.add(new Node(n.path("name").asString(), n.path("op").asString(), inputs, n.path("attr")));
    }
    Map<String, Weight> weights = new HashMap<>();
    Path folder = modelJson.toAbsolutePath().getParent();
    for (JsonNode group : root.path("weightsManifest")) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      for (JsonNode path : group.path("paths")) {
        data.writeBytes(Files.readAllBytes(folder.resolve(path.asString())));
      }
      ByteBuffer buffer = ByteBuffer.wrap(data.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
      for (JsonNode w : group.path("weights")) {
        Weight weight = readWeight(w, buffer);
        weights.put(weight.name(), weight);
      }
      if (buffer.hasRemaining()) {
        throw new IllegalArgumentException(modelJson + ": " + buffer.remaining() + " bytes of weights are not in the manifest");
      }
    }
    return new TfjsModel(nodes, weights);
  }

  private static Weight readWeight(JsonNode w, ByteBuffer buffer) {
    String name = w.path("name").asString();
    JsonNode dims = w.path("shape");
    long[] shape = new long[dims.size()];
    int count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i).asLong();
      count = Math.multiplyExact(count, (int) shape[i]);
    }
    String dtype = w.path("dtype").asString();
    JsonNode q = w.path("quantization");
    String stored = q.isMissingNode() ? dtype : q.path("dtype").asString();
    if (count * bytesPer(stored, name) > buffer.remaining()) {
      throw new IllegalArgumentException("weight " + name + " runs past the end of its shards");
    }
    if ("int32".equals(dtype)) {
      if (!q.isMissingNode()) {
        throw new IllegalArgumentException("weight " + name + ": quantised int32 weights are not supported");
      }
      long[] ints = new long[count];
      for (int i = 0; i < count; i++) {
        ints[i] = buffer.getInt();
      }
      return new Weight(name, shape, null, ints);
    }
    if (!"float32".equals(dtype)) {
      throw new IllegalArgumentException("weight " + name + " has dtype " + dtype + " (float32 and int32 are supported)");
    }
    float[] floats = new float[count];
    switch (stored) {
      case "float32" -> buffer.asFloatBuffer().get(floats);
      case "float16" -> {
        for (int i = 0; i < count; i++) {
          floats[i] = halfToFloat(buffer.getShort(buffer.position() + 2 * i));
        }
      }
      case "uint8", "uint16" -> {
        float scale = (float) q.path("scale").asDouble();
        float min = (float) q.path("min").asDouble();
        for (int i = 0; i < count; i++) {
          int v = "uint8".equals(stored) ? Byte.toUnsignedInt(buffer.get(buffer.position() + i)) : Short.toUnsignedInt(buffer.getShort(buffer.position() + 2 * i));
          floats[i] = v * scale + min;
        }
      }
      default -> throw new IllegalArgumentException("weight " + name + " is quantised as " + stored + ", which is not supported");
    }
    buffer.position(buffer.position() + count * bytesPer(stored, name));
    return new Weight(name, shape, floats, null);
  }

  private static int bytesPer(String dtype, String name) {
    return switch (dtype) {
      case "float32", "int32" -> 4;
      case "float16", "uint16" -> 2;
      case "uint8" -> 1;
      default -> throw new IllegalArgumentException("weight " + name + " has dtype " + dtype + ", which is not supported");
    };
  }

  /** IEEE 754 half precision to single (Java 17 has no {@code Float.float16ToFloat}). */
  static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float value = mantissa * 0x1p-24f; // subnormal
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
