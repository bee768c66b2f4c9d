package org.bonafide.cli.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.biometrics.FaceMesh;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.EvalInputs;
import org.bonafide.cli.Json;
import org.bonafide.cli.Progress;
import org.bonafide.shared.BonafideException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval landmarks}: how close the face mesh's eye corners, nose and mouth corners fall to
 * hand-placed points, as the normalised mean error (NME): the distance over the inter-ocular
 * distance (outer eye corners of the hand-placed template), averaged over the points and the
 * faces. The 68-point model is measured on the same points for comparison.
 *
 * <p>Templates are WebMorph/Psychomorph {@code .tem} files (the FRL London set's 189-point
 * template): the point count on the first line, then one {@code x y} pair a line. The points
 * compared, by template index: 18 and 22 (outer and inner corner of the eye on the image's left),
 * 23 and 27 (inner and outer corner of the other eye), 55 (the bottom of the nose, where its
 * midline meets the nostrils' outlines), 87 and 93 (mouth corners).
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class LandmarksEval {
  public static final Set<String> OPTIONS = Set.of("images", "templates", "progress-every", "limit");

  /** A compared point: its name, template index, face-mesh index and 68-point index. */
  record Point(String name, int template, int mesh, int landmark68) {}

  static final List<Point> POINTS =
      List.of(
          new Point("eye_outer_image_left", 18, FaceMesh.RIGHT_EYE_OUTER, 36),
          new Point("eye_inner_image_left", 22, FaceMesh.RIGHT_EYE_INNER, 39),
          new Point("eye_inner_image_right", 23, FaceMesh.LEFT_EYE_INNER, 42),
          new Point("eye_outer_image_right", 27, FaceMesh.LEFT_EYE_OUTER, 45),
          new Point("nose_bottom", 55, FaceMesh.SUBNASALE, 33),
          new Point("mouth_corner_image_left", 87, FaceMesh.MOUTH_RIGHT, 48),
          new Point("mouth_corner_image_right", 93, FaceMesh.MOUTH_LEFT, 54));

  private static final int TEMPLATE_OUTER_LEFT = 18;
  private static final int TEMPLATE_OUTER_RIGHT = 27;
  /** A face whose NME exceeds this is counted as a failed fit (the usual 10% rule). */
  static final double FAILURE_NME = 0.10;

  private LandmarksEval() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path images = EvalInputs.imageDir(args);
    Path templates = args.requiredPath("templates", "DIR");
    int every = args.intOption("progress-every", 20, 1, Integer.MAX_VALUE);
    int limit = args.intOption("limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
    if (!Files.isDirectory(templates)) {
      throw Args.usage("--templates " + templates + " is not a folder.");
    }
    List<Path> files = listImages(images, templates, limit);
    if (files.isEmpty()) {
      throw Args.usage("no image in " + images + " has a template (NAME.tem) in " + templates + ".");
    }

    long start = ctx.nanoClock().getAsLong();
    double[] meshSum = new double[POINTS.size()];
    double[] lm68Sum = new double[POINTS.size()];
    List<Double> meshPerFace = new ArrayList<>();
    List<Double> lm68PerFace = new ArrayList<>();
    List<Double> yaw = new ArrayList<>();
    ObjectNode failed = Json.object();
    long meshNanos = 0;
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults().withThreads(1, 1))) {
      FaceMesh mesh = engine.faceMesh(); // the engine's mesh models, on its one intra-op thread
      Progress progress = new Progress(ctx.err(), "eval landmarks", "faces", files.size(), every, ctx.nanoClock());
      for (Path file : files) {
        String name = file.getFileName().toString();
        try {
          double[] template = readTemplate(templates.resolve(baseName(name) + ".tem"));
          DecodedImage image = engine.decode(Files.readAllBytes(file));
          List<DetectedFace> faces = engine.analyse(image);
          if (faces.isEmpty()) {
            failed.put(name, "no face found");
            continue;
          }
          float[] lm = faces.get(0).landmarks();
          long t0 = ctx.nanoClock().getAsLong();
          FaceMesh.Mesh m = mesh.fit(image, lm);
          meshNanos += ctx.nanoClock().getAsLong() - t0;
          double iod =
              Math.hypot(
                  template[2 * TEMPLATE_OUTER_RIGHT] - template[2 * TEMPLATE_OUTER_LEFT],
                  template[2 * TEMPLATE_OUTER_RIGHT + 1] - template[2 * TEMPLATE_OUTER_LEFT + 1]);
          double meshFace = 0;
          double lm68Face = 0;
          for (int i = 0; i < POINTS.size(); i++) {
            Point p = POINTS.get(i);
            double tx = template[2 * p.template()];
            double ty = template[2 * p.template() + 1];
            double e1 = Math.hypot(m.x(p.mesh()) - tx, m.y(p.mesh()) - ty) / iod;
            double e2 = Math.hypot(lm[2 * p.landmark68()] - tx, lm[2 * p.landmark68() + 1] - ty) / iod;
            meshSum[i] += e1;
            lm68Sum[i] += e2;
            meshFace += e1 / POINTS.size();
            lm68Face += e2 / POINTS.size();
          }
          meshPerFace.add(meshFace);
          lm68PerFace.add(lm68Face);
          yaw.add((double) m.pose().yaw());
        } catch (IOException | BonafideException | IllegalArgumentException e) {
          failed.put(name, e.getMessage());
        } finally {
          progress.step();
        }
      }
    }
    int n = meshPerFace.size();
    ObjectNode r = Json.object();
    r.put("eval", "landmarks");
    r.put("images", files.size());
    r.put("faces", n);
    r.put("normalisation", "outer eye corners of the template");
    Json.number(r, "nme", mean(meshPerFace));
    Json.number(r, "nme_p90", percentile(meshPerFace, 0.9));
    Json.number(r, "failure_rate", n == 0 ? Double.NaN : meshPerFace.stream().filter(v -> v > FAILURE_NME).count() / (double) n);
    ObjectNode byPoint = r.putObject("nme_by_point");
    ObjectNode byPoint68 = r.putObject("nme_by_point_68_point_model");
    for (int i = 0; i < POINTS.size(); i++) {
      Json.number(byPoint, POINTS.get(i).name(), n == 0 ? Double.NaN : meshSum[i] / n);
      Json.number(byPoint68, POINTS.get(i).name(), n == 0 ? Double.NaN : lm68Sum[i] / n);
    }
    Json.number(r, "nme_68_point_model", mean(lm68PerFace));
    Json.number(r, "mesh_yaw_mean_abs_degrees", yaw.stream().mapToDouble(Math::abs).average().orElse(Double.NaN));
    Json.millis(r, "mesh_ms_per_face", n == 0 ? Double.NaN : meshNanos / (double) n);
    r.put("mesh_calls_per_face", 2);
    r.set("failed", failed);
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - start);
    return r;
  }

  private static List<Path> listImages(Path images, Path templates, int limit) {
    try (Stream<Path> s = Files.list(images)) {
      return s.filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"))
                    && Files.exists(templates.resolve(baseName(p.getFileName().toString()) + ".tem"));
              })
          .sorted()
          .limit(limit)
          .toList();
    } catch (IOException e) {
      throw Args.usage("cannot list " + images + ": " + e.getMessage());
    }
  }

  private static String baseName(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? file : file.substring(0, dot);
  }

  /** The template's points as x0, y0, x1, y1, ... */
  static double[] readTemplate(Path tem) throws IOException {
    List<String> lines = Files.readAllLines(tem);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(tem.getFileName() + " is empty");
    }
    int count;
    try {
      count = Integer.parseInt(lines.get(0).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(tem.getFileName() + ": the first line must be the point count");
    }
    if (count <= TEMPLATE_OUTER_RIGHT || lines.size() < count + 1) {
      throw new IllegalArgumentException(tem.getFileName() + " has " + count + " points; the 189-point template is expected");
    }
    double[] points = new double[2 * count];
    for (int i = 0; i < count; i++) {
      String[] xy = lines.get(i + 1).trim().split("\\s+");
      if (xy.length < 2) {
        throw new IllegalArgumentException(tem.getFileName() + " line " + (i + 2) + ": expected 'x y'");
      }
      points[2 * i] = Double.parseDouble(xy[0]);
      points[2 * i + 1] = Double.parseDouble(xy[1]);
    }
    return points;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double percentile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
