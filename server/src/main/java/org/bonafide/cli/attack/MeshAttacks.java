package org.bonafide.cli.attack;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceMesh;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attack kit's imitations of real face-swap and reenactment tools, built on the face mesh:
 *
 * <ul>
 *   <li>{@value #FACE_SWAP_3D}: A's face texture rendered on B's face geometry in every frame of
 *       B's session: both faces' 468-point meshes, one triangulation of A's mesh used as a surface
 *       (triangles turned away from the camera are not drawn), each triangle warped affinely,
 *       colour-matched, feathered into a mask of B's face at a size drawn per session (the method
 *       of FaceForensics++'s FaceSwap class). Where the detector loses B's face (a hand across it,
 *       a profile) the mesh follows it from the previous frame and the swap goes on being painted,
 *       over the fingers, as a tracking swap tool does; at a profile B's own side shows beyond the
 *       mask.
 *   <li>{@value #BLEND_SWAP}: a cross-identity blend: of the photos given, the one whose landmark
 *       shape is closest to B's is aligned to B's face by one similarity transform (no warp) and
 *       blended inside B's landmark hull, the boundary a blend detector looks for.
 *   <li>{@value #REENACTMENT}: one photo animated by the mesh track of B's session (its movements,
 *       blinks and expressions as displacements of the photo's own mesh, piecewise-affine): the
 *       animated bought photo of the incident reports, following a live driver, without parallax
 *       and without handling occlusion.
 * </ul>
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class MeshAttacks {
  static final String FACE_SWAP_3D = "face-swap-3d";
  static final String BLEND_SWAP = "blend-swap";
  static final String REENACTMENT = "reenactment";

  /** The face oval of MediaPipe's mesh, in order around the face. */
  static final int[] FACE_OVAL = {
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
    172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109
  };
  /** The ring's distance from the face's centre over the oval's. */
  private static final double RING_SCALE = 1.15;
  /** The mesh's face flag from which a followed mesh is still painted on (tools track loosely). */
  private static final double TRACK_CONFIDENCE = 0.1;

  public static final List<String> KINDS = List.of(FACE_SWAP_3D, BLEND_SWAP, REENACTMENT);
  public static final Set<String> OPTIONS = Set.of("bona-fide", "identity", "out", "count", "seed");

  private MeshAttacks() {}

  /**
   * {@code attack face-swap-3d|blend-swap|reenactment --bona-fide DIR --identity PHOTO_OR_DIR --out
   * DIR}: B's bona fide sessions with A's face swapped in (3-D swap), blended in (the closest of A's
   * faces), or A's photo animated by B's movements (reenactment).
   */
  public static ObjectNode run(String kind, Args args, CommandContext ctx) {
    return FaceSwap.swapSessions(
        kind,
        args,
        ctx,
        (engine, source, name, a, identities, random) ->
            switch (kind) {
              case FACE_SWAP_3D -> faceSwap3d(engine, source, name, a, random);
              case BLEND_SWAP -> blendSwap(engine, source, name, identities, random);
              default -> reenactment(engine, source, name, a);
            },
        (s, made, a) -> s.put("description", made.source()));
  }

  /** A face and its mesh: the image and the mesh's points plus the ring (x0, y0, ...). */
  record MeshFace(BufferedImage image, double[] points, float[] landmarks) {}

  static MeshFace meshFace(FaceEngine engine, byte[] bytes, String where) {
    DecodedImage image = engine.decode(bytes);
    List<DetectedFace> faces = engine.analyse(image);
    if (faces.isEmpty() || faces.get(0).mesh() == null) {
      throw new BonafideException(ErrorCode.NO_FACE, "no face the mesh fits in " + where);
    }
    return new MeshFace(image.pixels(), points(faces.get(0).mesh()), faces.get(0).landmarks());
  }

  /** The mesh's 468 points, then a ring around its face oval (the warp covers the feather). */
  static double[] points(FaceMesh.Mesh mesh) {
    double[] p = new double[2 * (FaceMesh.POINTS + FACE_OVAL.length)];
    double cx = 0;
    double cy = 0;
    for (int i = 0; i < FaceMesh.POINTS; i++) {
      p[2 * i] = mesh.x(i);
      p[2 * i + 1] = mesh.y(i);
    }
    for (int i : FACE_OVAL) {
      cx += mesh.x(i) / FACE_OVAL.length;
      cy += mesh.y(i) / FACE_OVAL.length;
    }
    for (int k = 0; k < FACE_OVAL.length; k++) {
      int i = FACE_OVAL[k];
      p[2 * (FaceMesh.POINTS + k)] = cx + (mesh.x(i) - cx) * RING_SCALE;
      p[2 * (FaceMesh.POINTS + k) + 1] = cy + (mesh.y(i) - cy) * RING_SCALE;
    }
    return p;
  }

  /** B's face mesh in each frame: fitted where the face is found, followed from the previous frame where not. */
  private static final class MeshTrack {
    private final FaceEngine engine;
    private final FaceMesh mesh;
    private FaceMesh.Region last;

    MeshTrack(FaceEngine engine) {
      this.engine = engine;
      this.mesh = engine.faceMesh();
    }

    /** The frame's mesh, or null. */
    FaceMesh.Mesh next(DecodedImage image) {
      List<Detection> faces = engine.detect(image);
      FaceMesh.Mesh m = null;
      if (!faces.isEmpty()) {
        Detection best = faces.stream().max((x, y) -> Float.compare(x.box().area(), y.box().area())).orElseThrow();
        m = mesh.fit(image, FaceMesh.Region.fromLandmarks(engine.landmarks(image, best.box())));
      } else if (last != null) {
        m = mesh.fit(image, last);
      }
      if (m == null || m.confidence() < TRACK_CONFIDENCE) {
        last = null;
        return null;
      }
      last = m.next();
      return m;
    }
  }

  static SessionFolder faceSwap3d(FaceEngine engine, SessionFolder source, String name, AttackKit.Source identity, SplittableRandom random) {
    MeshFace a = meshFace(engine, identity.bytes(), identity.description());
    double maskScale = 0.85 + 0.15 * random.nextDouble();
    double feather = 0.04 + 0.06 * random.nextDouble();
    Swap3d swap = new Swap3d(engine, a, maskScale, feather);
    MeshTrack track = new MeshTrack(engine);
    List<CapturedFrame> frames =
        redrawn(engine, source, (image, copy) -> {
          FaceMesh.Mesh m = track.next(image);
          if (m != null) {
            swap.render(copy, m);
          }
          return m != null;
        });
    long swapped = frames.size() - unchanged(source, frames);
    String description =
        String.format(
            Locale.ROOT,
            "3-D face swap (attack %s): %s rendered on the face mesh of %d of %d frames of %s (mesh surface warp, back faces"
                + " culled, YCbCr colour transfer, mask %.2f of the face oval, feather %.2f of the eye distance x 2; painted on"
                + " where the mesh follows a face the detector lost); B's challenge, timing and telemetry kept",
            FACE_SWAP_3D, identity.description(), swapped, frames.size(), name, maskScale, feather);
    Capture capture = new Capture(source.capture().challenge(), frames, source.capture().telemetry());
    return SessionFolder.attack(capture, FACE_SWAP_3D, description).withReference(identity.bytes());
  }

  /** Draws on a copy of a decoded frame; false when it drew nothing (the frame passes through). */
  @FunctionalInterface
  private interface FrameDrawing {
    boolean draw(DecodedImage image, BufferedImage copy);
  }

  /** B's frames, each redrawn where {@code drawing} draws (re-encoded), kept as they are elsewhere. */
  private static List<CapturedFrame> redrawn(FaceEngine engine, SessionFolder source, FrameDrawing drawing) {
    List<CapturedFrame> frames = new ArrayList<>();
    for (CapturedFrame f : source.capture().frames()) {
      DecodedImage image = engine.decode(f.image());
      BufferedImage copy = copy(image.pixels());
      byte[] bytes = drawing.draw(image, copy) ? SessionVideo.jpeg(copy) : f.image();
      frames.add(new CapturedFrame(f.index(), f.timestampMs(), f.prompt(), f.screen(), bytes));
    }
    return frames;
  }

  /** How many frames passed through unchanged (the same bytes as the source's). */
  private static long unchanged(SessionFolder source, List<CapturedFrame> frames) {
    long n = 0;
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).image() == source.capture().frames().get(i).image()) {
        n++;
      }
    }
    return n;
  }

  /**
   * The cross-identity blend onto B's session with the photo (of {@code candidates}) whose 68-point
   * shape, after a similarity fit, is closest to B's first face's.
   */
  static SessionFolder blendSwap(
      FaceEngine engine, SessionFolder source, String name, List<AttackKit.Source> candidates, SplittableRandom random) {
    float[] target = null;
    for (CapturedFrame f : source.capture().frames()) {
      List<DetectedFace> faces = engine.analyse(engine.decode(f.image()));
      if (!faces.isEmpty()) {
        target = faces.get(0).landmarks();
        break;
      }
    }
    if (target == null) {
      throw new BonafideException(ErrorCode.NO_FACE, "no face in " + name + " to blend onto");
    }
    AttackKit.Source best = null;
    double bestError = Double.MAX_VALUE;
    for (AttackKit.Source c : candidates) {
      double error = Similarity.fit(c.still().landmarks(), target).residual();
      if (error < bestError) {
        bestError = error;
        best = c;
      }
    }
    AttackKit.Source a = best;
    double maskScale = 0.8 + 0.2 * random.nextDouble();
    double feather = 0.03 + 0.07 * random.nextDouble();
    boolean colour = random.nextDouble() < 0.8;
    List<CapturedFrame> frames =
        redrawn(engine, source, (image, copy) -> {
          List<Detection> faces = engine.detect(image);
          if (faces.isEmpty()) {
            return false;
          }
          Detection d = faces.stream().max((x, y) -> Float.compare(x.box().area(), y.box().area())).orElseThrow();
          blendFrame(copy, engine.landmarks(image, d.box()), a.still(), colour, maskScale, feather);
          return true;
        });
    long swapped = frames.size() - unchanged(source, frames);
    String description =
        String.format(
            Locale.ROOT,
            "blend swap (attack %s): %s, the closest face shape of %d photos, aligned by one similarity transform and blended"
                + " into %d of %d frames of %s (mask %.2f of the landmark hull, feather %.2f of the face width, colour transfer %s)",
            BLEND_SWAP, a.description(), candidates.size(), swapped, frames.size(), name, maskScale, feather, colour);
    Capture capture = new Capture(source.capture().challenge(), frames, source.capture().telemetry());
    return SessionFolder.attack(capture, BLEND_SWAP, description).withReference(a.bytes());
  }

  /**
   * One frame of a blend swap: the still moved, turned and scaled onto the face with landmarks
   * {@code lm} by one similarity transform, blended inside their hull ({@code feather} a share of
   * the face's width).
   */
  static void blendFrame(BufferedImage frame, float[] lm, PhotoMotion.Still a, boolean colour, double maskScale, double feather) {
    double[] dst = FaceSwap.points(lm);
    // the photo's points are the frame's mapped back: one transform for the whole face, no warp
    Similarity toPhoto = Similarity.fit(lm, a.landmarks());
    double[] src = new double[dst.length];
    for (int i = 0; i < dst.length / 2; i++) {
      double[] p = toPhoto.apply(dst[2 * i], dst[2 * i + 1]);
      src[2 * i] = p[0];
      src[2 * i + 1] = p[1];
    }
    double faceWidth = Math.hypot(lm[32] - lm[0], lm[33] - lm[1]);
    FaceSwap.blend(frame, dst, a.image(), src, FaceSwap.FACE_POINTS, null, new FaceSwap.Blend(colour, maskScale, feather * faceWidth));
  }

  /** A's face rendered on the meshes of frames: the 3-D swap of one session or video. */
  static final class Swap3d {
    private final MeshFace a;
    private final List<int[]> surface;
    private final FaceSwap.Blend shape;
    private final FaceMesh mesh;

    Swap3d(FaceEngine engine, MeshFace a, double maskScale, double feather) {
      this.a = a;
      this.surface = Delaunay.triangulate(a.points());
      this.shape = new FaceSwap.Blend(true, maskScale, feather);
      this.mesh = engine.faceMesh();
    }

    /** Renders A on the face whose 68 landmarks are {@code lm} in {@code frame} (TYPE_3BYTE_BGR, in place). */
    void render(BufferedImage frame, float[] lm) {
      FaceMesh.Mesh m = mesh.fit(new DecodedImage(frame, "jpeg", "", 0), FaceMesh.Region.fromLandmarks(lm));
      render(frame, m);
    }

    void render(BufferedImage frame, FaceMesh.Mesh m) {
      FaceSwap.blend(
          frame, points(m), a.image(), a.points(), FaceMesh.POINTS, surface,
          new FaceSwap.Blend(true, shape.maskScale(), shape.featherPx() * m.interocular() * 2));
    }
  }

  /**
   * The photo animated by B's session: each frame is the photo with its mesh moved by B's mesh's
   * displacement from B's first face (in the photo's scale and orientation), piecewise-affine over
   * the photo's mesh plus its border, then framed to B's frame size.
   */
  static SessionFolder reenactment(FaceEngine engine, SessionFolder driving, String name, AttackKit.Source photo) {
    MeshFace a = meshFace(engine, photo.bytes(), photo.description());
    List<int[]> surface = null;
    MeshTrack track = new MeshTrack(engine);
    double[] first = null;
    Similarity toPhoto = null;
    BufferedImage lastFrame = null;
    List<CapturedFrame> frames = new ArrayList<>();
    int animated = 0;
    for (CapturedFrame f : driving.capture().frames()) {
      DecodedImage image = engine.decode(f.image());
      FaceMesh.Mesh m = track.next(image);
      BufferedImage rendered;
      if (m == null) {
        rendered = lastFrame != null ? lastFrame : frame(a.image(), image.width(), image.height());
      } else {
        double[] p = points(m);
        if (first == null) {
          first = p;
          toPhoto = Similarity.fit(toFloats(first, FaceMesh.POINTS), toFloats(a.points(), FaceMesh.POINTS));
        }
        double[] moved = withBorder(a.points(), a.image());
        for (int i = 0; i < a.points().length / 2; i++) {
          double[] d = toPhoto.applyLinear(p[2 * i] - first[2 * i], p[2 * i + 1] - first[2 * i + 1]);
          moved[2 * i] += d[0];
          moved[2 * i + 1] += d[1];
        }
        double[] still = withBorder(a.points(), a.image());
        if (surface == null) {
          surface = Delaunay.triangulate(still);
        }
        BufferedImage out = copy(a.image());
        FaceSwap.blend(out, moved, a.image(), still, still.length / 2, surface, new FaceSwap.Blend(false, 1, 1));
        rendered = frame(out, image.width(), image.height());
        animated++;
      }
      lastFrame = rendered;
      frames.add(new CapturedFrame(f.index(), f.timestampMs(), f.prompt(), f.screen(), SessionVideo.jpeg(rendered)));
    }
    String description =
        String.format(
            Locale.ROOT,
            "reenactment (attack %s): %s animated by the face-mesh track of %s (%d of %d frames driven; piecewise-affine,"
                + " no parallax, no occlusion); the driver's challenge, timing and telemetry kept",
            REENACTMENT, photo.description(), name, animated, frames.size());
    Capture capture = new Capture(driving.capture().challenge(), frames, driving.capture().telemetry());
    return SessionFolder.attack(capture, REENACTMENT, description).withReference(photo.bytes());
  }

  /** The face points followed by eight points on the image's border, which stay where they are. */
  private static double[] withBorder(double[] points, BufferedImage image) {
    double w = image.getWidth() - 1;
    double h = image.getHeight() - 1;
    double[] border = {0, 0, w / 2, 0, w, 0, w, h / 2, w, h, w / 2, h, 0, h, 0, h / 2};
    double[] out = new double[points.length + border.length];
    System.arraycopy(points, 0, out, 0, points.length);
    System.arraycopy(border, 0, out, points.length, border.length);
    return out;
  }

  private static float[] toFloats(double[] points, int count) {
    float[] out = new float[2 * count];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) points[i];
    }
    return out;
  }

  /** The image scaled to cover a {@code w x h} frame and cropped to its centre, as a phone camera frames it. */
  private static BufferedImage frame(BufferedImage image, int w, int h) {
    double scale = Math.max(w / (double) image.getWidth(), h / (double) image.getHeight());
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    int dw = (int) Math.round(image.getWidth() * scale);
    int dh = (int) Math.round(image.getHeight() * scale);
    g.drawImage(image, (w - dw) / 2, (h - dh) / 2, dw, dh, null);
    g.dispose();
    return out;
  }

  static BufferedImage copy(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
      System.arraycopy(src, 0, dst, 0, dst.length);
    } else {
      Graphics2D g = out.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
    }
    return out;
  }

  /**
   * A least-squares similarity (scale, rotation, translation) from one point set to another (x0, y0,
   * ...), and its mean residual in the target's units over the target's spread.
   */
  record Similarity(double a, double b, double tx, double ty, double residual) {
    static Similarity fit(float[] from, float[] to) {
      int n = Math.min(from.length, to.length) / 2;
      double fx = 0, fy = 0, gx = 0, gy = 0;
      for (int i = 0; i < n; i++) {
        fx += from[2 * i] / n;
        fy += from[2 * i + 1] / n;
        gx += to[2 * i] / n;
        gy += to[2 * i + 1] / n;
      }
      double sxx = 0, sxy = 0, norm = 0, spread = 0;
      for (int i = 0; i < n; i++) {
        double x = from[2 * i] - fx, y = from[2 * i + 1] - fy;
        double u = to[2 * i] - gx, v = to[2 * i + 1] - gy;
        sxx += x * u + y * v;
        sxy += x * v - y * u;
        norm += x * x + y * y;
        spread += u * u + v * v;
      }
      double a = norm > 0 ? sxx / norm : 1;
      double b = norm > 0 ? sxy / norm : 0;
      double tx = gx - (a * fx - b * fy);
      double ty = gy - (b * fx + a * fy);
      double err = 0;
      for (int i = 0; i < n; i++) {
        double px = a * from[2 * i] - b * from[2 * i + 1] + tx;
        double py = b * from[2 * i] + a * from[2 * i + 1] + ty;
        err += Math.hypot(px - to[2 * i], py - to[2 * i + 1]) / n;
      }
      return new Similarity(a, b, tx, ty, spread > 0 ? err / Math.sqrt(spread / n) : err);
    }

    double[] apply(double x, double y) {
      return new double[] {a * x - b * y + tx, b * x + a * y + ty};
    }

    double[] applyLinear(double x, double y) {
      return new double[] {a * x - b * y, b * x + a * y};
    }
  }
}
