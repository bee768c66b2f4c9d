package org.bonafide.biometrics.tfjs;

import static org.bonafide.biometrics.tfjs.OnnxGraph.attr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Converts a TensorFlow.js graph model into an ONNX model that ONNX Runtime runs: the converter
 * the build uses to turn the MediaPipe face-mesh, iris and hand-landmark models into ONNX.
 *
 * <p>It covers the simple convolutional graphs those models are: convolutions (plain, fused with
 * bias and activation, depthwise), element-wise arithmetic, PReLU, ReLU, ReLU6, sigmoid, pooling,
 * padding, reshape, concatenation, mean and dense layers. Any other op stops the conversion with
 * its name. TensorFlow works in NHWC and ONNX's convolutions in NCHW: the graph transposes its
 * input once, keeps 4-D activations in NCHW (weights, axes and paddings are rearranged to match)
 * and transposes back only where an op's meaning depends on the layout (reshape) and at the
 * outputs, so the ONNX model has the same NHWC input and the same outputs as the original.
 * The outputs are the graph's unconsumed nodes, named as in TensorFlow ({@code Identity_2}).
 */
public final class TfjsToOnnx {
  private static final long[] TO_NCHW = {0, 3, 1, 2};
  private static final long[] TO_NHWC = {0, 2, 3, 1};
  /** Axis of an NHWC tensor in NCHW. */
  private static final int[] NHWC_TO_NCHW_AXIS = {0, 2, 3, 1};

  private final TfjsModel model;
  private final OnnxGraph graph;
  /** TensorFlow tensor name to the ONNX tensor that holds it. */
  private final Map<String, Value> values = new HashMap<>();
  private final Set<String> emittedInitializers = new HashSet<>();
  private int fresh;

  /** An ONNX tensor; {@code nchw} when it is a 4-D activation kept in NCHW. */
  private record Value(String name, int rank, boolean nchw) {}

  private TfjsToOnnx(TfjsModel model, String name) {
    this.model = model;
    this.graph = new OnnxGraph(name);
  }

  /** The ONNX model of the TensorFlow.js graph model at {@code modelJson}. */
  public static byte[] convert(Path modelJson) throws IOException {
    String name = modelJson.getFileName().toString().replaceAll("\\.json$", "");
    TfjsToOnnx converter = new TfjsToOnnx(TfjsModel.read(modelJson), name);
    return converter.run();
  }

  /**
   * Build step: {@code TfjsToOnnx IN_DIR OUT_DIR NAME...} converts IN_DIR/NAME.json into
   * OUT_DIR/NAME.onnx for each name, skipping a model whose ONNX is newer than its sources.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: TfjsToOnnx IN_DIR OUT_DIR NAME...");
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    for (int i = 2; i < args.length; i++) {
      Path json = in.resolve(args[i] + ".json");
      Path bin = in.resolve(args[i] + ".bin");
      Path onnx = out.resolve(args[i] + ".onnx");
      if (!Files.exists(json)) {
        throw new IllegalStateException(json + " is missing: the build fetches it from npm before converting it");
      }
      if (Files.exists(onnx)
          && Files.getLastModifiedTime(onnx).compareTo(Files.getLastModifiedTime(json)) > 0
          && (!Files.exists(bin) || Files.getLastModifiedTime(onnx).compareTo(Files.getLastModifiedTime(bin)) > 0)) {
        continue;
      }
      long start = System.nanoTime();
      byte[] bytes = convert(json);
      Files.write(onnx, bytes);
      System.err.printf(
          "[bonafide] converted %s to ONNX (%,d bytes) in %d ms%n", args[i], bytes.length, (System.nanoTime() - start) / 1_000_000);
    }
  }

  private byte[] run() {
    Set<String> consumed = new HashSet<>();
    for (TfjsModel.Node n : model.nodes) {
      consumed.addAll(n.inputs());
    }
    Map<String, TfjsModel.Node> byName = new HashMap<>();
    for (TfjsModel.Node n : model.nodes) {
      byName.put(n.name(), n);
    }
    for (TfjsModel.Node n : topological(byName)) {
      convertNode(n);
    }
    TreeSet<String> outputs = new TreeSet<>();
    for (TfjsModel.Node n : model.nodes) {
      if (!consumed.contains(n.name()) && !"Const".equals(n.op()) && !"Placeholder".equals(n.op())) {
        outputs.add(n.name());
      }
    }
    for (String out : outputs) {
      Value v = nhwc(value(out));
      graph.node("Identity", List.of(v.name()), out);
      graph.output(out);
    }
    return graph.toBytes();
  }

  /** Nodes with their inputs first (TensorFlow.js files are usually but not always ordered). */
  private List<TfjsModel.Node> topological(Map<String, TfjsModel.Node> byName) {
    List<TfjsModel.Node> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (TfjsModel.Node n : model.nodes) {
      visit(n, byName, done, new HashSet<>(), order);
    }
    return order;
  }

  private void visit(TfjsModel.Node n, Map<String, TfjsModel.Node> byName, Set<String> done, Set<String> path, List<TfjsModel.Node> order) {
    if (done.contains(n.name())) {
      return;
    }
    if (!path.add(n.name())) {
      throw new IllegalArgumentException("the graph has a cycle through " + n.name());
    }
    for (String i : n.inputs()) {
      TfjsModel.Node input = byName.get(i);
      if (input == null) {
        throw new IllegalArgumentException(n.name() + " reads " + i + ", which is not in the graph");
      }
      visit(input, byName, done, path, order);
    }
    done.add(n.name());
    order.add(n);
  }

  private void convertNode(TfjsModel.Node n) {
    switch (n.op()) {
      case "Const" -> {
        if (!model.weights.containsKey(n.name())) {
          throw new IllegalArgumentException("constant " + n.name() + " has no weights in the manifest");
        }
      }
      case "Placeholder" -> graphInput(n);
      case "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> conv(n);
      case "AddV2", "Add", "AddN", "Mul", "Sub", "Maximum", "Minimum" -> elementwise(n);
      case "Prelu" -> set(n, prelu(value(n.inputs().get(0)), n.inputs().get(1), tensor(n)));
      case "Relu", "Relu6", "Sigmoid", "Tanh", "Elu" -> set(n, activation(n.op(), value(n.inputs().get(0)), null, tensor(n)));
      case "MaxPool", "AvgPool" -> pool(n);
      case "Pad", "PadV2" -> pad(n);
      case "Reshape" -> reshape(n);
      case "ConcatV2" -> concat(n);
      case "Mean" -> mean(n);
      case "MatMul", "_FusedMatMul" -> matmul(n);
      case "Identity" -> values.put(n.name(), value(n.inputs().get(0)));
      default -> throw new IllegalArgumentException("op " + n.op() + " (node " + n.name() + ") is not supported by the converter");
    }
  }

  private void graphInput(TfjsModel.Node n) {
    long[] shape = n.inputShape();
    graph.input(n.name(), shape);
    if (shape.length == 4) {
      String t = freshName(n.name() + "/nchw");
      graph.node("Transpose", List.of(n.name()), t, attr("perm", TO_NCHW));
      values.put(n.name(), new Value(t, 4, true));
    } else {
      values.put(n.name(), new Value(n.name(), shape.length, false));
    }
  }

  private void conv(TfjsModel.Node n) {
    Value x = nchw(value(n.inputs().get(0)));
    TfjsModel.Weight w = constant(n.inputs().get(1));
    boolean depthwise = n.op().contains("Depthwise");
    if (w.shape().length != 4) {
      throw new IllegalArgumentException(n.name() + ": convolution weights must be 4-D, not " + w.shape().length + "-D");
    }
    int kh = (int) w.shape()[0];
    int kw = (int) w.shape()[1];
    int cin = (int) w.shape()[2];
    int cout = (int) w.shape()[3];
    float[] src = w.floats();
    float[] dst = new float[src.length];
    long[] dims;
    long group;
    if (depthwise) {
      // [kh, kw, C, M] -> [C*M, 1, kh, kw]; TensorFlow's output channel c*M+m is ONNX's too
      int m = cout;
      for (int y = 0; y < kh; y++) {
        for (int xx = 0; xx < kw; xx++) {
          for (int c = 0; c < cin; c++) {
            for (int k = 0; k < m; k++) {
              dst[((c * m + k) * kh + y) * kw + xx] = src[((y * kw + xx) * cin + c) * m + k];
            }
          }
        }
      }
      dims = new long[] {(long) cin * m, 1, kh, kw};
      group = cin;
      cout = cin * m;
    } else {
      // HWIO -> OIHW
      for (int y = 0; y < kh; y++) {
        for (int xx = 0; xx < kw; xx++) {
          for (int c = 0; c < cin; c++) {
            for (int o = 0; o < cout; o++) {
              dst[((o * cin + c) * kh + y) * kw + xx] = src[((y * kw + xx) * cin + c) * cout + o];
            }
          }
        }
      }
      dims = new long[] {cout, cin, kh, kw};
      group = 1;
    }
    String weightName = freshName(n.inputs().get(1) + "/oihw");
    graph.floatInitializer(weightName, dims, dst);
    List<String> inputs = new ArrayList<>(List.of(x.name(), weightName));
    List<String> fused = n.strings("fused_ops");
    int arg = 2;
    if (!fused.isEmpty()) {
      if (!"BiasAdd".equals(fused.get(0))) {
        throw new IllegalArgumentException(n.name() + ": fused ops " + fused + " are not supported (BiasAdd first)");
      }
      inputs.add(initializer(n.inputs().get(arg++)));
    }
    long[] strides = n.ints("strides");
    long[] dilations = n.ints("dilations");
    List<OnnxGraph.Attr> attrs = new ArrayList<>();
    attrs.add(attr("kernel_shape", new long[] {kh, kw}));
    attrs.add(attr("strides", strides.length == 4 ? new long[] {strides[1], strides[2]} : new long[] {1, 1}));
    attrs.add(attr("dilations", dilations.length == 4 ? new long[] {dilations[1], dilations[2]} : new long[] {1, 1}));
    attrs.add(attr("group", group));
    attrs.add(padding(n));
    String out = fused.size() > 1 ? freshName(n.name() + "/conv") : tensor(n);
    graph.node("Conv", inputs, out, attrs.toArray(OnnxGraph.Attr[]::new));
    Value result = new Value(out, 4, true);
    if (fused.size() > 1) {
      String act = fused.get(1);
      String alpha = "Prelu".equals(act) ? n.inputs().get(arg) : null;
      result = activation(act, result, alpha, tensor(n));
      if (fused.size() > 2) {
        throw new IllegalArgumentException(n.name() + ": fused ops " + fused + " are not supported");
      }
    }
    set(n, result);
  }

  private static OnnxGraph.Attr padding(TfjsModel.Node n) {
    String padding = n.string("padding");
    if ("SAME".equals(padding)) {
      return attr("auto_pad", "SAME_UPPER"); // TensorFlow's SAME puts the odd pixel at the end
    }
    if ("VALID".equals(padding)) {
      return attr("auto_pad", "VALID");
    }
    if ("EXPLICIT".equals(padding)) {
      long[] p = n.ints("explicit_paddings"); // NHWC pairs
      return attr("pads", new long[] {p[2], p[4], p[3], p[5]});
    }
    throw new IllegalArgumentException(n.name() + ": padding " + padding + " is not supported");
  }

  private Value activation(String op, Value x, String alphaTensor, String outName) {
    switch (op) {
      case "Relu", "Sigmoid", "Tanh", "Elu" -> graph.node(op, List.of(x.name()), outName);
      case "Relu6" -> graph.node(
          "Clip", List.of(x.name(), scalar(0f), scalar(6f)), outName);
      case "Prelu" -> {
        return prelu(x, alphaTensor, outName);
      }
      default -> throw new IllegalArgumentException("activation " + op + " (" + outName + ") is not supported");
    }
    return new Value(outName, x.rank(), x.nchw());
  }

  private Value prelu(Value x, String alphaTensor, String outName) {
    String slope = x.nchw() ? channelConstant(alphaTensor) : initializer(alphaTensor);
    graph.node("PRelu", List.of(x.name(), slope), outName);
    return new Value(outName, x.rank(), x.nchw());
  }

  private void elementwise(TfjsModel.Node n) {
    List<String> ins = n.inputs();
    boolean anyNchw = false;
    for (String i : ins) {
      if (!isConstant(i) && value(i).nchw()) {
        anyNchw = true;
      }
    }
    List<String> names = new ArrayList<>();
    for (String i : ins) {
      if (isConstant(i)) {
        names.add(anyNchw ? channelConstant(i) : initializer(i));
      } else {
        names.add(anyNchw ? nchw(value(i)).name() : value(i).name());
      }
    }
    String op =
        switch (n.op()) {
          case "AddV2", "Add" -> "Add";
          case "AddN" -> names.size() == 2 ? "Add" : "Sum";
          case "Mul" -> "Mul";
          case "Sub" -> "Sub";
          case "Maximum" -> "Max";
          default -> "Min";
        };
    graph.node(op, names, tensor(n));
    int rank = 0;
    for (String i : ins) {
      rank = Math.max(rank, isConstant(i) ? constant(i).shape().length : value(i).rank());
    }
    set(n, new Value(tensor(n), anyNchw ? 4 : rank, anyNchw));
  }

  private void pool(TfjsModel.Node n) {
    Value x = nchw(value(n.inputs().get(0)));
    long[] k = n.ints("ksize");
    long[] s = n.ints("strides");
    graph.node(
        "MaxPool".equals(n.op()) ? "MaxPool" : "AveragePool",
        List.of(x.name()),
        tensor(n),
        attr("kernel_shape", new long[] {k[1], k[2]}),
        attr("strides", new long[] {s[1], s[2]}),
        padding(n));
    set(n, new Value(tensor(n), 4, true));
  }

  private void pad(TfjsModel.Node n) {
    Value x = value(n.inputs().get(0));
    TfjsModel.Weight p = constant(n.inputs().get(1));
    int rank = p.size() / 2;
    long[] pads = new long[2 * rank];
    for (int axis = 0; axis < rank; axis++) {
      int target = x.nchw() ? NHWC_TO_NCHW_AXIS[axis] : axis;
      pads[target] = p.ints()[2 * axis];
      pads[rank + target] = p.ints()[2 * axis + 1];
    }
    String padsName = freshName(n.name() + "/pads");
    graph.longInitializer(padsName, new long[] {pads.length}, pads);
    List<String> inputs = new ArrayList<>(List.of(x.name(), padsName));
    if ("PadV2".equals(n.op())) {
      inputs.add(initializer(n.inputs().get(2)));
    }
    graph.node("Pad", inputs, tensor(n), attr("mode", "constant"));
    set(n, new Value(tensor(n), x.rank(), x.nchw()));
  }

  private void reshape(TfjsModel.Node n) {
    Value x = nhwc(value(n.inputs().get(0)));
    TfjsModel.Weight shape = constant(n.inputs().get(1));
    String shapeName = freshName(n.name() + "/shape");
    graph.longInitializer(shapeName, new long[] {shape.size()}, shape.ints().clone());
    graph.node("Reshape", List.of(x.name(), shapeName), tensor(n));
    set(n, new Value(tensor(n), shape.size(), false));
  }

  private void concat(TfjsModel.Node n) {
    List<String> ins = n.inputs().subList(0, n.inputs().size() - 1);
    int axis = (int) constant(n.inputs().get(n.inputs().size() - 1)).ints()[0];
    boolean allNchw = true;
    int rank = -1;
    for (String i : ins) {
      allNchw &= value(i).nchw();
      rank = value(i).rank();
    }
    List<String> names = new ArrayList<>();
    for (String i : ins) {
      names.add(allNchw ? value(i).name() : nhwc(value(i)).name());
    }
    if (axis < 0) {
      axis += rank;
    }
    graph.node("Concat", names, tensor(n), attr("axis", (long) (allNchw ? NHWC_TO_NCHW_AXIS[axis] : axis)));
    set(n, new Value(tensor(n), rank, allNchw));
  }

  private void mean(TfjsModel.Node n) {
    Value x = value(n.inputs().get(0));
    long[] axes = constant(n.inputs().get(1)).ints().clone();
    boolean keep = n.bool("keep_dims");
    boolean spatial = axes.length == 2 && ((axes[0] == 1 && axes[1] == 2) || (axes[0] == 2 && axes[1] == 1));
    if (x.nchw() && !keep && !spatial) {
      x = nhwc(x); // only a global spatial mean leaves the remaining axes in the same order
    }
    if (x.nchw()) {
      for (int i = 0; i < axes.length; i++) {
        axes[i] = NHWC_TO_NCHW_AXIS[(int) (axes[i] < 0 ? axes[i] + 4 : axes[i])];
      }
    }
    graph.node("ReduceMean", List.of(x.name()), tensor(n), attr("axes", axes), attr("keepdims", keep ? 1L : 0L));
    set(n, new Value(tensor(n), keep ? x.rank() : x.rank() - axes.length, keep && x.nchw()));
  }

  private void matmul(TfjsModel.Node n) {
    Value a = nhwc(value(n.inputs().get(0)));
    List<String> fused = n.strings("fused_ops");
    List<String> inputs = new ArrayList<>(List.of(a.name(), operand(n.inputs().get(1))));
    if (!fused.isEmpty()) {
      if (!"BiasAdd".equals(fused.get(0)) || fused.size() > 1) {
        throw new IllegalArgumentException(n.name() + ": fused ops " + fused + " are not supported");
      }
      inputs.add(operand(n.inputs().get(2)));
    }
    graph.node(
        "Gemm",
        inputs,
        tensor(n),
        attr("transA", n.bool("transpose_a") ? 1L : 0L),
        attr("transB", n.bool("transpose_b") ? 1L : 0L));
    set(n, new Value(tensor(n), 2, false));
  }

  private String operand(String tensor) {
    return isConstant(tensor) ? initializer(tensor) : nhwc(value(tensor)).name();
  }

  // ---- tensors ------------------------------------------------------------------------------

  /**
   * The ONNX name of a node's result: its TensorFlow tensor name, which cannot collide with the
   * graph's output names (the bare node names) whatever op the output node is.
   */
  private static String tensor(TfjsModel.Node n) {
    return n.name() + ":0";
  }

  private void set(TfjsModel.Node n, Value v) {
    values.put(n.name(), v);
  }

  private Value value(String tensor) {
    Value v = values.get(tensor);
    if (v == null) {
      if (isConstant(tensor)) {
        TfjsModel.Weight w = constant(tensor);
        return new Value(initializer(tensor), w.shape().length, false);
      }
      throw new IllegalArgumentException("tensor " + tensor + " is used before it is made");
    }
    return v;
  }

  private boolean isConstant(String tensor) {
    return model.weights.containsKey(tensor) && !values.containsKey(tensor);
  }

  private TfjsModel.Weight constant(String tensor) {
    TfjsModel.Weight w = model.weights.get(tensor);
    if (w == null) {
      throw new IllegalArgumentException(tensor + " must be a constant");
    }
    return w;
  }

  /** The constant as an initializer, as it is (float, or int64 for integers). */
  private String initializer(String tensor) {
    TfjsModel.Weight w = constant(tensor);
    if (emittedInitializers.add(tensor)) {
      if (w.floats() != null) {
        graph.floatInitializer(tensor, w.shape(), w.floats());
      } else {
        graph.longInitializer(tensor, w.shape(), w.ints());
      }
    }
    return tensor;
  }

  /**
   * A constant that broadcasts over an NHWC activation's channels ({@code [C]}, {@code [1,1,C]},
   * {@code [1,1,1,C]}) reshaped to broadcast over NCHW ({@code [C,1,1]}); a scalar stays a scalar.
   */
  private String channelConstant(String tensor) {
    TfjsModel.Weight w = constant(tensor);
    if (w.size() == 1) {
      return initializer(tensor);
    }
    long[] s = w.shape();
    for (int i = 0; i < s.length - 1; i++) {
      if (s[i] != 1) {
        throw new IllegalArgumentException(tensor + ": a constant of shape " + java.util.Arrays.toString(s) + " cannot broadcast over channels");
      }
    }
    String name = tensor + "/channels";
    if (emittedInitializers.add(name)) {
      graph.floatInitializer(name, new long[] {w.size(), 1, 1}, w.floats());
    }
    return name;
  }

  private String scalar(float value) {
    String name = "scalar/" + value;
    if (emittedInitializers.add(name)) {
      graph.floatInitializer(name, new long[0], new float[] {value});
    }
    return name;
  }

  private Value nchw(Value v) {
    if (v.nchw()) {
      return v;
    }
    if (v.rank() != 4) {
      throw new IllegalArgumentException(v.name() + " is " + v.rank() + "-D where a 4-D activation is needed");
    }
    String t = freshName(v.name() + "/nchw");
    graph.node("Transpose", List.of(v.name()), t, attr("perm", TO_NCHW));
    return new Value(t, 4, true);
  }

  private Value nhwc(Value v) {
    if (!v.nchw()) {
      return v;
    }
    String t = freshName(v.name() + "/nhwc");
    graph.node("Transpose", List.of(v.name()), t, attr("perm", TO_NHWC));
    return new Value(t, 4, false);
  }

  private String freshName(String base) {
    return base + "#" + fresh++;
  }
}
