package org.bonafide.cli.attack;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.biometrics.JpegEncoder;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.cli.Progress;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code simulate deepfake-videos}: labelled real and face-swapped videos from one real clip and
 * face photos of other people, for {@code eval deepfake}. The clip is decoded and its subject
 * followed ({@link Footage}); each of {@code --count} segments (3 to 5 s, inside one shot in which
 * the subject's face is found throughout) is framed around the subject as a phone's selfie camera
 * would ({@link Framing}) and written five times as H.264 MP4: as it is ({@code real}), with a
 * photo's face swapped onto the subject in every frame by the attack kit's landmark swap ({@link
 * FaceSwap#swap}: {@value #FACE_SWAP}), the same without the swap's colour transfer ({@value
 * #FACE_SWAP_NO_COLOUR}), by the kit's 3-D mesh swap ({@value #FACE_SWAP_3D}) and by its
 * cross-identity blend ({@value #BLEND_SWAP}). {@code labels.csv} lists them as {@code eval
 * deepfake} reads them.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class DeepfakeVideos {
  public static final String KIND = "deepfake-videos";
  public static final Set<String> OPTIONS = Set.of("video", "photos", "out", "count", "seed");

  static final String FACE_SWAP = "face-swap";
  static final String FACE_SWAP_NO_COLOUR = "face-swap-no-colour-transfer";
  static final String FACE_SWAP_3D = MeshAttacks.FACE_SWAP_3D;
  static final String BLEND_SWAP = MeshAttacks.BLEND_SWAP;

  /** Segment lengths are drawn between these (up to the shot's length); a shorter shot gives none. */
  static final long MIN_SEGMENT_MS = 3000;

  static final long MAX_SEGMENT_MS = 5000;
  /** A shot gives segments when the subject's face is found in at least this share of its frames. */
  static final double FACE_SHARE = 0.9;
  /**
   * A photo's face is scaled down to at most this height before it is swapped in: about the
   * framed face's height ({@link Framing}), so the warp does not alias a face many times larger.
   */
  static final int MAX_PHOTO_FACE_PX = 320;
  /** H.264 bit rate: about what a phone's recording or an upload service keeps at 480x640. */
  static final int BITRATE = 2_000_000;

  private static final Set<String> PHOTO_EXTENSIONS = Set.of("jpg", "jpeg", "png");

  /** A stretch of the footage, frames {@code from} (inclusive) to {@code to} (exclusive). */
  record Segment(int from, int to) {}

  private DeepfakeVideos() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path video = args.requiredPath("video", "FILE (a real video of a person)");
    Path photosDir = args.requiredPath("photos", "DIR (face photos of other people)");
    int count = args.intOption("count", 5, 1, 500);
    int seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    List<Path> photoFiles = photoFiles(photosDir);
    Path out = SessionVideo.outputDir(args);
    long start = ctx.nanoClock().getAsLong();

    Footage footage = SessionVideo.footage(video, ctx, "simulate " + KIND);
    Framing framing = Framing.of(footage);
    List<Segment> shots = shotsWithFace(footage);
    if (shots.isEmpty()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          String.format(
              Locale.ROOT,
              "No shot of %s at least %d ms long shows the subject's face in %.0f%% of its frames.",
              video, MIN_SEGMENT_MS, FACE_SHARE * 100));
    }
    double fps = 1000.0 / footage.frameIntervalMs();
    SplittableRandom random = new SplittableRandom(seed);

    ObjectNode r = Json.object();
    r.put("simulate", KIND);
    r.put("video", video.toString());
    r.put("frames", footage.size());
    r.put("subject_frames", footage.faceFrames());
    ArrayNode usable = r.putArray("shots_used");
    for (Segment shot : shots) {
      usable.addObject().put("from_ms", footage.timestampMs(shot.from())).put("to_ms", footage.timestampMs(shot.to() - 1));
    }
    ArrayNode videos = r.putArray("videos");
    StringBuilder labels = new StringBuilder("video,label,manipulation\n");
    String stem = SessionVideo.stem(video);
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
      float[] subject = subjectEmbedding(engine, footage, shots);
      List<AttackKit.Source> identities = identities(engine, photoFiles, subject, count, random, ctx);
      r.put("photos", photoFiles.size());
      r.put("identities_used", identities.size());
      Progress progress = new Progress(ctx.err(), "simulate " + KIND, "videos", 5 * count, 1, ctx.nanoClock());
      for (int i = 0; i < count; i++) {
        Segment segment = draw(footage, shots, random);
        AttackKit.Source identity = identities.get(i % identities.size());
        String base = String.format(Locale.ROOT, "%s-%03d", stem, i);
        String[][] kinds = {
          {"real", null}, {"fake", FACE_SWAP}, {"fake", FACE_SWAP_NO_COLOUR}, {"fake", FACE_SWAP_3D}, {"fake", BLEND_SWAP},
        };
        for (String[] kind : kinds) {
          String name = base + "-" + (kind[1] == null ? "real" : kind[1]) + ".mp4";
          Renderer renderer = renderer(engine, kind[1], identity, random);
          int swapped = write(out.resolve(name), footage, framing, segment, fps, renderer);
          labels.append(name).append(',').append(kind[0]).append(',').append(kind[1] == null ? "" : kind[1]).append('\n');
          ObjectNode v = videos.addObject();
          v.put("video", name);
          v.put("label", kind[0]);
          if (kind[1] != null) {
            v.put("manipulation", kind[1]);
            v.put("identity", identity.description());
            v.put("swapped_frames", swapped);
          }
          v.put("frames", segment.to() - segment.from());
          v.put("source_from_ms", footage.timestampMs(segment.from()));
          v.put("source_to_ms", footage.timestampMs(segment.to() - 1));
          progress.step();
        }
      }
    }
    Path csv = out.resolve("labels.csv");
    try {
      Files.writeString(csv, labels.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot write " + csv + ": " + e.getMessage());
    }
    r.put("labels", csv.toString());
    r.put("width", Framing.WIDTH);
    r.put("height", Framing.HEIGHT);
    Json.number(r, "fps", Math.round(fps * 100) / 100.0);
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - start);
    return r;
  }

  /** The photo files directly in the folder (JPEG or PNG), in name order. */
  static List<Path> photoFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND, "The photos folder " + dir + (Files.exists(dir) ? " is not a folder." : " does not exist."));
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(Files::isRegularFile)
              .filter(p -> {
                String name = p.getFileName().toString();
                int dot = name.lastIndexOf('.');
                return dot > 0 && PHOTO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
              })
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot list " + dir + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "No JPEG or PNG photo in " + dir + ".");
    }
    return files;
  }

  /** The shots (runs of frames without a cut) at least {@link #MIN_SEGMENT_MS} long that show the subject throughout. */
  static List<Segment> shotsWithFace(Footage footage) {
    List<Segment> shots = new ArrayList<>();
    for (int from = 0; from < footage.size(); ) {
      int to = from;
      int faces = 0;
      while (to < footage.size() && footage.shot(to) == footage.shot(from)) {
        faces += footage.subject(to) == null ? 0 : 1;
        to++;
      }
      long length = footage.timestampMs(to - 1) - footage.timestampMs(from) + footage.frameIntervalMs();
      if (length >= MIN_SEGMENT_MS && faces >= FACE_SHARE * (to - from)) {
        shots.add(new Segment(from, to));
      }
      from = to;
    }
    return shots;
  }

  /**
   * A segment at a random place in a random shot (weighted by length), its length drawn between 3
   * and 5 s, or up to the shot's length when that is shorter: segments of a short shot still start
   * and end at different frames.
   */
  static Segment draw(Footage footage, List<Segment> shots, SplittableRandom random) {
    int total = shots.stream().mapToInt(s -> s.to() - s.from()).sum();
    int pick = random.nextInt(total);
    Segment shot = shots.get(0);
    for (Segment s : shots) {
      if (pick < s.to() - s.from()) {
        shot = s;
        break;
      }
      pick -= s.to() - s.from();
    }
    long interval = footage.frameIntervalMs();
    int shotFrames = shot.to() - shot.from();
    int fewest = (int) Math.min(shotFrames, Math.max(1, Math.round((double) MIN_SEGMENT_MS / interval)));
    int most = (int) Math.min(shotFrames, Math.max(1, Math.round((double) MAX_SEGMENT_MS / interval)));
    int frames = fewest + random.nextInt(most - fewest + 1);
    int from = shot.from() + random.nextInt(shot.to() - shot.from() - frames + 1);
    return new Segment(from, from + frames);
  }

  /** The subject's face embedding, from the first frame of the first shot that shows it. */
  private static float[] subjectEmbedding(FaceEngine engine, Footage footage, List<Segment> shots) {
    for (Segment shot : shots) {
      for (int i = shot.from(); i < shot.to(); i++) {
        Footage.Subject s = footage.subject(i);
        if (s != null) {
          DecodedImage image = new DecodedImage(footage.frames().get(i).image(), "video", "", 0);
          return engine.embed(image, s.landmarks());
        }
      }
    }
    throw new IllegalStateException("a shot with the face throughout has a frame with the face");
  }

  /**
   * Up to {@code count} face photos of people other than the subject, in a seeded random order:
   * photos without a face, that do not decode, or whose face matches the subject (the face
   * engine's match threshold) are skipped. Fails when none is left.
   */
  private static List<AttackKit.Source> identities(
      FaceEngine engine, List<Path> files, float[] subject, int count, SplittableRandom random, CommandContext ctx) {
    List<Path> order = new ArrayList<>(files);
    for (int i = order.size() - 1; i > 0; i--) {
      java.util.Collections.swap(order, i, random.nextInt(i + 1));
    }
    List<AttackKit.Source> sources = new ArrayList<>();
    for (Path file : order) {
      if (sources.size() >= count) {
        break;
      }
      AttackKit.Source source;
      try {
        source = scaled(engine, AttackKit.photoSource(engine, file));
      } catch (BonafideException e) {
        if (e.errorCode().status() >= 500) {
          throw e;
        }
        ctx.err().println("[bonafide] simulate " + KIND + ": skipped " + file.getFileName() + ": " + e.getMessage());
        continue;
      }
      DecodedImage image = new DecodedImage(source.still().image(), "photo", "", 0);
      double similarity = FaceEngine.similarity(subject, engine.embed(image, source.still().landmarks()));
      if (similarity >= engine.settings().matchThreshold()) {
        ctx.err()
            .printf(Locale.ROOT, "[bonafide] simulate %s: skipped %s: the video's subject (similarity %.2f)%n", KIND, file.getFileName(), similarity);
        continue;
      }
      sources.add(source);
    }
    if (sources.isEmpty()) {
      throw new BonafideException(
          ErrorCode.NO_FACE, "No photo in " + files.get(0).getParent() + " shows a face other than the video's subject.");
    }
    return sources;
  }

  /** The photo with its face at most {@value #MAX_PHOTO_FACE_PX} px high (scaled and measured again). */
  private static AttackKit.Source scaled(FaceEngine engine, AttackKit.Source source) {
    PhotoMotion.Still still = source.still();
    double factor = (double) MAX_PHOTO_FACE_PX / still.box().height();
    if (factor >= 1) {
      return source;
    }
    BufferedImage image = still.image();
    int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
    int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
    BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = small.createGraphics();
    try {
      // area averaging: every source pixel counts, as a camera's sensor would at the smaller size
      g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
    } finally {
      g.dispose();
    }
    byte[] bytes = JpegEncoder.encode(small, 0.95f);
    return new AttackKit.Source(source.name(), AttackKit.still(engine, bytes, source.description()), bytes, source.description());
  }

  /**
   * Writes the segment, framed, as H.264 MP4 at the footage's frame rate; with {@code still}, its
   * face is swapped onto the subject in every frame where the subject is found (the others pass
   * through, as a swap tool passes them).
   *
   * @return the frames swapped
   */
  /** How a fake video's face is made, frame by frame: the frame and its subject's 68 landmarks. */
  @FunctionalInterface
  interface Renderer {
    void render(BufferedImage frame, float[] landmarks);
  }

  /** The kind's renderer (null for the real video), its random settings drawn once per video. */
  static Renderer renderer(FaceEngine engine, String kind, AttackKit.Source identity, SplittableRandom random) {
    if (kind == null) {
      return null;
    }
    return switch (kind) {
      case FACE_SWAP -> (frame, lm) -> FaceSwap.swap(frame, lm, identity.still(), true);
      case FACE_SWAP_NO_COLOUR -> (frame, lm) -> FaceSwap.swap(frame, lm, identity.still(), false);
      case FACE_SWAP_3D -> {
        MeshAttacks.Swap3d swap =
            new MeshAttacks.Swap3d(
                engine, MeshAttacks.meshFace(engine, identity.bytes(), identity.description()),
                0.85 + 0.15 * random.nextDouble(), 0.04 + 0.06 * random.nextDouble());
        yield swap::render;
      }
      case BLEND_SWAP -> {
        double maskScale = 0.8 + 0.2 * random.nextDouble();
        double feather = 0.03 + 0.07 * random.nextDouble();
        yield (frame, lm) -> MeshAttacks.blendFrame(frame, lm, identity.still(), true, maskScale, feather);
      }
      default -> throw new IllegalArgumentException("unknown manipulation " + kind);
    };
  }

  static int write(Path file, Footage footage, Framing framing, Segment segment, double fps, Renderer renderer) {
    int swapped = 0;
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), Framing.WIDTH, Framing.HEIGHT, 0);
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      recorder.setFormat("mp4");
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
      recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(fps);
      recorder.setVideoBitrate(BITRATE);
      recorder.setGopSize((int) Math.round(fps * 2));
      recorder.start();
      for (int i = segment.from(); i < segment.to(); i++) {
        BufferedImage frame = framing.crop(footage.frames().get(i).image(), i);
        Footage.Subject subject = footage.subject(i);
        if (renderer != null && subject != null) {
          renderer.render(frame, SessionVideo.framedLandmarks(subject.landmarks(), framing.window(i)));
          swapped++;
        }
        recorder.record(converter.convert(frame));
      }
      recorder.stop();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      if (e instanceof BonafideException b) {
        throw b;
      }
      throw new BonafideException(
          ErrorCode.INTERNAL, "Cannot encode " + file + " as H.264: " + e.getMessage(), java.util.Map.of(), e);
    }
    return swapped;
  }
}
