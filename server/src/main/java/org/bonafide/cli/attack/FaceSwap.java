package org.bonafide.cli.attack;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.Set;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.SessionFolder;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code attack face-swap}: identity A's face (a photo) swapped onto every frame of identity B's
 * bona fide session, as a real-time face-swap tool does on a live feed. B's frames, timestamps,
 * challenge, prompts, colour annotations and telemetry are kept, so the swapped session still
 * answers the challenge with B's movements and blinks; only the face's inner region shows A.
 *
 * <p>Per frame, the classic landmark swap: the 68 landmarks of A (once) and of B's frame, plus a
 * ring of points just outside each face's hull; a Delaunay triangulation of B's points; each
 * triangle of A warped affinely onto B's (piecewise-affine warp, bilinear sampling); a mask of the
 * convex hull of B's landmarks, feathered inward at its edge; A's warped face colour-matched to B's
 * face region (mean and standard deviation per channel in YCbCr); then an alpha blend through the
 * feathered mask (not Poisson cloning: the feather and the colour transfer hide the seam well
 * enough for a detector test, and a detector should not rely on a seam being sharp).
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class FaceSwap {
  public static final String KIND = "face-swap";
  public static final Set<String> OPTIONS = Set.of("bona-fide", "identity", "out", "count", "seed");

  /** Jaw landmarks and forehead points whose outward copies ring the face, so the warp covers the feathered edge. */
  private static final int[] RING = {0, 2, 4, 6, 8, 10, 12, 14, 16, 68, 70, 72, 75, 77};
  /** How far the forehead points lie above the brows, as a share of the brow-to-nose-tip distance. */
  private static final double FOREHEAD = 0.33;
  /** How far the ring lies outside the hull, as a share of the point's distance from the face's centre. */
  private static final double RING_SCALE = 1.15;
  /** Width of the mask's feather, as a share of the face's width. */
  private static final double FEATHER = 0.07;

  private FaceSwap() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    return swapSessions(
        KIND,
        args,
        ctx,
        (engine, source, name, a, identities, random) -> swapSession(engine, source, name, a),
        (s, made, a) -> {
          s.put("duration_ms", made.capture().challenge().durationMs());
          ArrayNode prompts = s.putArray("prompts");
          made.capture().challenge().prompts().forEach(p -> prompts.add(p.prompt().code()));
          s.put("colours", made.capture().challenge().colours().size());
          s.put("camera_label", String.valueOf(made.capture().telemetry().get("cameraLabel")));
          s.put("identity", a.description());
        });
  }

  /** What a swapping command makes of one of B's sessions with identity A (of all of them). */
  interface SessionMaker {
    SessionFolder make(
        FaceEngine engine,
        SessionFolder source,
        String name,
        AttackKit.Source a,
        List<AttackKit.Source> identities,
        SplittableRandom random);
  }

  /** The fields a command adds to its entry for a session it wrote. */
  interface SessionReport {
    void add(ObjectNode entry, SessionFolder made, AttackKit.Source a);
  }

  /**
   * The skeleton every attack on B's sessions with A's face shares ({@code face-swap}, {@code
   * face-swap-3d}, {@code blend-swap}, {@code reenactment}): {@code --bona-fide DIR} (B), {@code
   * --identity PHOTO_OR_DIR} (A), {@code --count}, {@code --seed}, {@code --out}; B's sessions in
   * turn, A chosen by the seed when several are given (so the same arguments give the same
   * folders), each made session written as {@code <B's folder>-<kind>-NNN} and listed.
   */
  static ObjectNode swapSessions(String kind, Args args, CommandContext ctx, SessionMaker maker, SessionReport report) {
    args.expectPositionals(0, "no positional arguments");
    Path out = SessionVideo.outputDir(args);
    int count = args.intOption("count", 1, 1, 1000);
    int seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    long start = ctx.nanoClock().getAsLong();
    List<Path> folders = AttackKit.bonaFideFolders(args.requiredPath("bona-fide", "DIR (identity B's bona fide sessions)"));
    Path identityPath = args.requiredPath("identity", "PHOTO_OR_DIR (identity A's face)");
    ObjectNode r = Json.object();
    r.put("attack", kind);
    r.put("sources", folders.size());
    ArrayNode sessions = r.putArray("sessions");
    SplittableRandom random = new SplittableRandom(seed);
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
      List<AttackKit.Source> identities = identities(engine, identityPath);
      r.put("identities", identities.size());
      for (int i = 0; i < count; i++) {
        Path folder = folders.get(i % folders.size());
        String name = folder.getFileName().toString();
        AttackKit.Source a = identities.get(Math.floorMod(seed * 31 + i, identities.size()));
        SessionFolder made = maker.make(engine, SessionFolder.read(folder), name, a, identities, random);
        Path target = out.resolve(String.format(Locale.ROOT, "%s-%s-%03d", name.replaceAll("[^A-Za-z0-9_-]", "_"), kind, i));
        made.write(target);
        ObjectNode s = sessions.addObject();
        s.put("folder", target.toString());
        s.put("frames", made.capture().frames().size());
        s.put("source_session", folder.toString());
        report.add(s, made, a);
        ctx.err().printf(Locale.ROOT, "[bonafide] wrote %s (%d frames from %s)%n", target, made.capture().frames().size(), name);
      }
    }
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - start);
    return r;
  }

  /** A's faces: the photo's most prominent face, or the sharpest frame of each bona fide session under a folder. */
  static List<AttackKit.Source> identities(FaceEngine engine, Path path) {
    if (!Files.isDirectory(path)) {
      byte[] bytes = AttackKit.readFile(path);
      return List.of(new AttackKit.Source(SessionVideo.stem(path), AttackKit.still(engine, bytes, path.toString()), bytes, path.getFileName().toString()));
    }
    List<AttackKit.Source> sources = new ArrayList<>();
    for (Path folder : AttackKit.bonaFideFolders(path)) {
      SessionFolder session = SessionFolder.read(folder);
      CapturedFrame frame = AttackKit.sharpestWithFace(engine, session.capture().frames(), folder);
      String where = folder.getFileName() + " frame " + frame.index();
      sources.add(new AttackKit.Source(folder.getFileName().toString(), AttackKit.still(engine, frame.image(), where), frame.image(), where));
    }
    return sources;
  }

  /**
   * B's session with A's face swapped into every frame where a face is found (a frame without one
   * passes through, as a swap tool passes it). A's photo becomes the session's reference: the
   * attacker holds A's identity document.
   */
  static SessionFolder swapSession(FaceEngine engine, SessionFolder source, String name, AttackKit.Source identity) {
    List<CapturedFrame> frames = new ArrayList<>();
    int swappedFrames = 0;
    for (CapturedFrame f : source.capture().frames()) {
      DecodedImage image = engine.decode(f.image());
      List<Detection> faces = engine.detect(image);
      byte[] bytes = f.image();
      if (!faces.isEmpty()) {
        Detection best = faces.stream().max((x, y) -> Float.compare(x.box().area(), y.box().area())).orElseThrow();
        float[] lm = engine.landmarks(image, best.box());
        BufferedImage copy = copy(image.pixels());
        swap(copy, lm, identity.still());
        bytes = SessionVideo.jpeg(copy);
        swappedFrames++;
      }
      frames.add(new CapturedFrame(f.index(), f.timestampMs(), f.prompt(), f.screen(), bytes));
    }
    String description =
        String.format(
            Locale.ROOT,
            "face swap (attack face-swap): %s swapped onto %d of %d frames of %s (landmark Delaunay warp, feathered hull"
                + " mask, YCbCr colour transfer, alpha blend); B's challenge, timing and telemetry kept",
            identity.description(), swappedFrames, frames.size(), name);
    Capture capture = new Capture(source.capture().challenge(), frames, source.capture().telemetry());
    return SessionFolder.attack(capture, KIND, description).withReference(identity.bytes());
  }

  private static BufferedImage copy(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    System.arraycopy(src, 0, dst, 0, dst.length);
    return out;
  }

  /** Landmarks, then forehead points, then the ring: how many of the first belong to the face itself. */
  static final int FACE_POINTS = 68 + 10;

  /**
   * The 68 landmarks, ten forehead points (the brows' points raised by a third of the brow-to-nose-tip
   * distance: the landmarks stop at the brows, and a swap that leaves B's forehead keeps much of B's
   * identity), then a ring of points just outside the face's hull, so the warp also covers the
   * feathered edge.
   */
  static double[] points(float[] lm) {
    double[] p = new double[2 * (FACE_POINTS + RING.length)];
    for (int i = 0; i < 136; i++) {
      p[i] = lm[i];
    }
    double noseX = lm[60];
    double noseY = lm[61];
    for (int k = 0; k < 10; k++) {
      int i = 17 + k;
      p[136 + 2 * k] = lm[2 * i] + (lm[2 * i] - noseX) * FOREHEAD;
      p[137 + 2 * k] = lm[2 * i + 1] + (lm[2 * i + 1] - noseY) * FOREHEAD;
    }
    double cx = 0;
    double cy = 0;
    for (int i = 0; i < FACE_POINTS; i++) {
      cx += p[2 * i];
      cy += p[2 * i + 1];
    }
    cx /= FACE_POINTS;
    cy /= FACE_POINTS;
    for (int k = 0; k < RING.length; k++) {
      int i = RING[k];
      p[2 * FACE_POINTS + 2 * k] = cx + (p[2 * i] - cx) * RING_SCALE;
      p[2 * FACE_POINTS + 2 * k + 1] = cy + (p[2 * i + 1] - cy) * RING_SCALE;
    }
    return p;
  }

  /**
   * Swaps A's face into {@code frame} (TYPE_3BYTE_BGR, changed in place) whose face has the
   * landmarks {@code targetLm}.
   */
  static void swap(BufferedImage frame, float[] targetLm, PhotoMotion.Still a) {
    swap(frame, targetLm, a, true);
  }

  /**
   * The same, with or without the colour transfer (without it, A's face keeps A's own colour and
   * contrast inside the feathered mask: the cruder swap of a tool that only warps and blends).
   */
  static void swap(BufferedImage frame, float[] targetLm, PhotoMotion.Still a, boolean colourTransfer) {
    double faceWidth = Math.hypot(targetLm[32] - targetLm[0], targetLm[33] - targetLm[1]);
    blend(frame, points(targetLm), a.image(), points(a.landmarks()), FACE_POINTS, null, new Blend(colourTransfer, 1, FEATHER * faceWidth));
  }

  /**
   * How a swapped face is blended in.
   *
   * @param colourTransfer match the warped face's colour statistics to the target's
   * @param maskScale the mask (hull of the face points) scaled about its centre: below 1 leaves
   *     more of the target's own face at the edges, as tools with a tighter mask do
   * @param featherPx width of the mask's feather in pixels
   */
  record Blend(boolean colourTransfer, double maskScale, double featherPx) {}

  /**
   * Warps {@code source} onto {@code frame} (both TYPE_3BYTE_BGR; {@code frame} changed in place)
   * triangle by triangle, from {@code srcPts} to {@code dstPts} (matching points x0, y0, x1, ...),
   * and blends it through a feathered mask: the hull of the first {@code facePoints} target points;
   * the points after them only extend the warp over the feather. With {@code triangles} (index
   * triples made once on the source's points, as a 3-D face model's surface) a triangle whose
   * orientation flips on the target faces away from the camera and is not drawn; without them the
   * target's points are triangulated afresh.
   */
  static void blend(
      BufferedImage frame, double[] dstPts, BufferedImage source, double[] srcPts, int facePoints, List<int[]> triangles, Blend blend) {
    int w = frame.getWidth();
    int h = frame.getHeight();
    byte[] dst = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
    byte[] src = ((DataBufferByte) source.getRaster().getDataBuffer()).getData();
    int sw = source.getWidth();
    int sh = source.getHeight();
    boolean colourTransfer = blend.colourTransfer();

    // 1. Piecewise-affine warp of A onto B's geometry.
    float[] warped = new float[w * h * 3];
    boolean[] covered = new boolean[w * h];
    double[] sample = new double[3];
    for (int[] t : triangles != null ? triangles : Delaunay.triangulate(dstPts)) {
      double x0 = dstPts[2 * t[0]], y0 = dstPts[2 * t[0] + 1];
      double x1 = dstPts[2 * t[1]], y1 = dstPts[2 * t[1] + 1];
      double x2 = dstPts[2 * t[2]], y2 = dstPts[2 * t[2] + 1];
      double det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
      if (Math.abs(det) < 1e-6) {
        continue;
      }
      if (triangles != null) {
        double srcDet =
            (srcPts[2 * t[1]] - srcPts[2 * t[0]]) * (srcPts[2 * t[2] + 1] - srcPts[2 * t[0] + 1])
                - (srcPts[2 * t[2]] - srcPts[2 * t[0]]) * (srcPts[2 * t[1] + 1] - srcPts[2 * t[0] + 1]);
        if (Math.signum(srcDet) != Math.signum(det)) {
          continue; // turned away from the camera
        }
      }
      int minX = Math.max(0, (int) Math.floor(Math.min(x0, Math.min(x1, x2))));
      int maxX = Math.min(w - 1, (int) Math.ceil(Math.max(x0, Math.max(x1, x2))));
      int minY = Math.max(0, (int) Math.floor(Math.min(y0, Math.min(y1, y2))));
      int maxY = Math.min(h - 1, (int) Math.ceil(Math.max(y0, Math.max(y1, y2))));
      for (int y = minY; y <= maxY; y++) {
        for (int x = minX; x <= maxX; x++) {
          double px = x + 0.5;
          double py = y + 0.5;
          double b1 = ((px - x0) * (y2 - y0) - (x2 - x0) * (py - y0)) / det;
          double b2 = ((x1 - x0) * (py - y0) - (px - x0) * (y1 - y0)) / det;
          double b0 = 1 - b1 - b2;
          if (b0 < -1e-9 || b1 < -1e-9 || b2 < -1e-9) {
            continue;
          }
          double sx = b0 * srcPts[2 * t[0]] + b1 * srcPts[2 * t[1]] + b2 * srcPts[2 * t[2]];
          double sy = b0 * srcPts[2 * t[0] + 1] + b1 * srcPts[2 * t[1] + 1] + b2 * srcPts[2 * t[2] + 1];
          PhotoMotion.bilinear(src, sw, sh, sx - 0.5, sy - 0.5, sample);
          int q = y * w + x;
          covered[q] = true;
          warped[3 * q] = (float) sample[0];
          warped[3 * q + 1] = (float) sample[1];
          warped[3 * q + 2] = (float) sample[2];
        }
      }
    }

    // 2. The mask: B's landmark hull, feathered inward.
    float[] face = new float[2 * facePoints];
    double mx = 0;
    double my = 0;
    for (int i = 0; i < facePoints; i++) {
      mx += dstPts[2 * i] / facePoints;
      my += dstPts[2 * i + 1] / facePoints;
    }
    for (int i = 0; i < facePoints; i++) {
      face[2 * i] = (float) (mx + (dstPts[2 * i] - mx) * blend.maskScale());
      face[2 * i + 1] = (float) (my + (dstPts[2 * i + 1] - my) * blend.maskScale());
    }
    double[] hull = convexHull(face);
    double feather = Math.max(2, blend.featherPx());
    float[] alpha = new float[w * h];
    int[] box = bounds(hull, w, h);
    for (int y = box[1]; y <= box[3]; y++) {
      for (int x = box[0]; x <= box[2]; x++) {
        double d = insideDistance(hull, x + 0.5, y + 0.5);
        if (d > 0 && covered[y * w + x]) {
          double s = Math.min(1, d / feather);
          alpha[y * w + x] = (float) (s * s * (3 - 2 * s));
        }
      }
    }

    // 3. Colour transfer in YCbCr over the mask's inner part: A's warped face takes B's statistics.
    double[][] stats = new double[2][6]; // per image: mean Y, Cb, Cr, then std
    int n = 0;
    double[] ycc = new double[3];
    for (int pass = 0; pass < 2; pass++) {
      for (int q = 0; q < w * h; q++) {
        if (alpha[q] < 0.5f) {
          continue;
        }
        for (int img = 0; img < 2; img++) {
          if (img == 0) {
            toYcc(warped[3 * q], warped[3 * q + 1], warped[3 * q + 2], ycc);
          } else {
            toYcc(dst[3 * q] & 0xff, dst[3 * q + 1] & 0xff, dst[3 * q + 2] & 0xff, ycc);
          }
          for (int c = 0; c < 3; c++) {
            if (pass == 0) {
              stats[img][c] += ycc[c];
            } else {
              double dev = ycc[c] - stats[img][c];
              stats[img][3 + c] += dev * dev;
            }
          }
        }
        if (pass == 0) {
          n++;
        }
      }
      if (n == 0) {
        return;
      }
      for (int img = 0; img < 2; img++) {
        for (int c = 0; c < 3; c++) {
          if (pass == 0) {
            stats[img][c] /= n;
          } else {
            stats[img][3 + c] = Math.sqrt(stats[img][3 + c] / n);
          }
        }
      }
    }
    double[] gain = new double[3];
    for (int c = 0; c < 3; c++) {
      // Clamped: a face region with a dark beard or a bright highlight must not blow the other up.
      gain[c] = Math.max(0.5, Math.min(2, (stats[1][3 + c] + 1e-3) / (stats[0][3 + c] + 1e-3)));
    }

    // 4. Blend.
    double[] bgr = new double[3];
    for (int q = 0; q < w * h; q++) {
      float a1 = alpha[q];
      if (a1 <= 0) {
        continue;
      }
      toYcc(warped[3 * q], warped[3 * q + 1], warped[3 * q + 2], ycc);
      if (colourTransfer) {
        for (int c = 0; c < 3; c++) {
          ycc[c] = (ycc[c] - stats[0][c]) * gain[c] + stats[1][c];
        }
      }
      fromYcc(ycc, bgr);
      for (int c = 0; c < 3; c++) {
        double v = a1 * bgr[c] + (1 - a1) * (dst[3 * q + c] & 0xff);
        dst[3 * q + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }

  /** BGR to (Y, Cb, Cr), JPEG's full-range YCbCr. */
  private static void toYcc(double b, double g, double r, double[] out) {
    out[0] = 0.299 * r + 0.587 * g + 0.114 * b;
    out[1] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
    out[2] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  }

  private static void fromYcc(double[] ycc, double[] bgr) {
    double y = ycc[0];
    double cb = ycc[1] - 128;
    double cr = ycc[2] - 128;
    bgr[2] = y + 1.402 * cr;
    bgr[1] = y - 0.344136 * cb - 0.714136 * cr;
    bgr[0] = y + 1.772 * cb;
  }

  /** The convex hull of the points (x0, y0, x1, ...), counter-clockwise in the positive-area sense (monotone chain). */
  static double[] convexHull(float[] lm) {
    int n = lm.length / 2;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (i, j) -> lm[2 * i] != lm[2 * j] ? Float.compare(lm[2 * i], lm[2 * j]) : Float.compare(lm[2 * i + 1], lm[2 * j + 1]));
    int[] hull = new int[2 * n];
    int k = 0;
    for (int s = 0; s < n; s++) {
      int i = order[s];
      while (k >= 2 && cross(lm, hull[k - 2], hull[k - 1], i) <= 0) {
        k--;
      }
      hull[k++] = i;
    }
    for (int s = n - 2, lower = k + 1; s >= 0; s--) {
      int i = order[s];
      while (k >= lower && cross(lm, hull[k - 2], hull[k - 1], i) <= 0) {
        k--;
      }
      hull[k++] = i;
    }
    k--; // the first point closes the chain again
    double[] out = new double[2 * k];
    for (int i = 0; i < k; i++) {
      out[2 * i] = lm[2 * hull[i]];
      out[2 * i + 1] = lm[2 * hull[i] + 1];
    }
    return out;
  }

  private static double cross(float[] lm, int o, int a, int b) {
    return (double) (lm[2 * a] - lm[2 * o]) * (lm[2 * b + 1] - lm[2 * o + 1])
        - (double) (lm[2 * a + 1] - lm[2 * o + 1]) * (lm[2 * b] - lm[2 * o]);
  }

  /** Distance from (x, y) to the nearest edge of the convex polygon, positive inside, negative outside. */
  static double insideDistance(double[] poly, double x, double y) {
    int n = poly.length / 2;
    double least = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double ax = poly[2 * i];
      double ay = poly[2 * i + 1];
      double bx = poly[2 * ((i + 1) % n)];
      double by = poly[2 * ((i + 1) % n) + 1];
      double len = Math.hypot(bx - ax, by - ay);
      if (len == 0) {
        continue;
      }
      // Positive on the interior side of a counter-clockwise (positive-area) polygon's edge.
      double d = ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / len;
      least = Math.min(least, d);
    }
    return least;
  }

  private static int[] bounds(double[] poly, int w, int h) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < poly.length; i += 2) {
      minX = Math.min(minX, poly[i]);
      maxX = Math.max(maxX, poly[i]);
      minY = Math.min(minY, poly[i + 1]);
      maxY = Math.max(maxY, poly[i + 1]);
    }
    return new int[] {
      Math.max(0, (int) Math.floor(minX)), Math.max(0, (int) Math.floor(minY)),
      Math.min(w - 1, (int) Math.ceil(maxX)), Math.min(h - 1, (int) Math.ceil(maxY))
    };
  }
}
