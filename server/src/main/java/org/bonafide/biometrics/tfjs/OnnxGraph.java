package org.bonafide.biometrics.tfjs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX model under construction: nodes in topological order, initializers, one float input and
 * float outputs. {@link #toBytes()} writes the {@code ModelProto} with the field numbers of the
 * ONNX specification (onnx.proto, IR version 7, default domain opset 13).
 */
final class OnnxGraph {
  static final int OPSET = 13;
  private static final long IR_VERSION = 7;

  // TensorProto.DataType
  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  // AttributeProto.AttributeType
  private static final int ATTR_FLOAT = 1;
  private static final int ATTR_INT = 2;
  private static final int ATTR_STRING = 3;
  private static final int ATTR_INTS = 7;

  private final String name;
  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final List<ProtoWriter> inputs = new ArrayList<>();
  private final List<ProtoWriter> outputs = new ArrayList<>();
  private int nodeCount;

  OnnxGraph(String name) {
    this.name = name;
  }

  /** A node attribute: name and value (Long, Float, String or long[]). */
  record Attr(String name, Object value) {}

  static Attr attr(String name, Object value) {
    return new Attr(name, value);
  }

  void node(String opType, List<String> in, String out, Attr... attributes) {
    ProtoWriter node = new ProtoWriter();
    for (String i : in) {
      node.string(1, i);
    }
    node.string(2, out);
    node.string(3, opType + "_" + nodeCount++);
    node.string(4, opType);
    for (Attr a : attributes) {
      node.message(5, attribute(a));
    }
    nodes.add(node);
  }

  private static ProtoWriter attribute(Attr a) {
    ProtoWriter w = new ProtoWriter().string(1, a.name());
    Object v = a.value();
    if (v instanceof Long l) {
      w.varint(3, l).varint(20, ATTR_INT);
    } else if (v instanceof Integer i) {
      w.varint(3, i).varint(20, ATTR_INT);
    } else if (v instanceof Float f) {
      w.float32(2, f).varint(20, ATTR_FLOAT);
    } else if (v instanceof String s) {
      w.string(4, s).varint(20, ATTR_STRING);
    } else if (v instanceof long[] ints) {
      for (long i : ints) {
        w.varint(8, i);
      }
      w.varint(20, ATTR_INTS);
    } else {
      throw new IllegalArgumentException("attribute " + a.name() + " has an unsupported type: " + v);
    }
    return w;
  }

  void floatInitializer(String tensorName, long[] dims, float[] values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    initializer(tensorName, dims, FLOAT, raw.array());
  }

  void longInitializer(String tensorName, long[] dims, long[] values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    initializer(tensorName, dims, INT64, raw.array());
  }

  private void initializer(String tensorName, long[] dims, int type, byte[] raw) {
    ProtoWriter t = new ProtoWriter();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, type).string(8, tensorName).bytes(9, raw);
    initializers.add(t);
  }

  /** A float graph input; a negative dimension is symbolic (the batch). */
  void input(String tensorName, long[] dims) {
    ProtoWriter shape = new ProtoWriter();
    for (long d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d < 0) {
        dim.string(2, "batch");
      } else {
        dim.varint(1, d);
      }
      shape.message(1, dim);
    }
    ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
    inputs.add(new ProtoWriter().string(1, tensorName).message(2, new ProtoWriter().message(1, tensorType)));
  }

  void output(String tensorName) {
    ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT);
    outputs.add(new ProtoWriter().string(1, tensorName).message(2, new ProtoWriter().message(1, tensorType)));
  }

  byte[] toBytes() {
    ProtoWriter graph = new ProtoWriter();
    nodes.forEach(n -> graph.message(1, n));
    graph.string(2, name);
    initializers.forEach(t -> graph.message(5, t));
    inputs.forEach(i -> graph.message(11, i));
    outputs.forEach(o -> graph.message(12, o));
    return new ProtoWriter()
        .varint(1, IR_VERSION)
        .string(2, "bonafide-tfjs-converter")
        .message(7, graph)
        .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
        .toByteArray();
  }
}
