package org.bonafide.cli.attack;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.session.ChallengeGenerator;
import org.bonafide.session.ChallengePolicy;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attack kit's {@code attack <kind>} commands other than {@code replay-video} ({@link
 * ReplayAttack}): attack session folders made from a photo or from bona fide session folders, each
 * on a freshly drawn challenge, with every frame annotated with the prompt and colour that
 * challenge had on screen at its time. {@code docs/formats.md} ("Attack kit") says what each kind
 * makes and which real incident it imitates.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class AttackKit {
  static final String PHOTO = "photo";
  static final String ANIMATED_PHOTO = "animated-photo";
  static final String REPLAY_SESSION = "replay-session";
  static final String VIRTUAL_CAMERA = "virtual-camera";
  static final String ID_PHOTO_AS_SELFIE = "id-photo-as-selfie";

  /** The kinds this class makes, in the order the help lists them. */
  public static final List<String> KINDS = List.of(PHOTO, ANIMATED_PHOTO, REPLAY_SESSION, VIRTUAL_CAMERA, ID_PHOTO_AS_SELFIE);

  private static final Set<String> COMMON = Set.of("out", "count", "seed", "fps");
  /** Sensor noise of a phone's front camera in good light, in grey levels (standard deviation). */
  private static final double SENSOR_NOISE = 2.5;
  /** How often a virtual camera hands over the previous frame again (the producer was late). */
  private static final double DUPLICATE_SHARE = 0.08;

  static final String VIRTUAL_CAMERA_LABEL = "OBS Virtual Camera";
  static final String DESKTOP_USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private AttackKit() {}

  public static Set<String> options(String kind) {
    Set<String> own =
        switch (kind) {
          case PHOTO, ANIMATED_PHOTO -> Set.of("photo", "bona-fide");
          case REPLAY_SESSION -> Set.of("bona-fide");
          case VIRTUAL_CAMERA -> Set.of("video", "bona-fide");
          case ID_PHOTO_AS_SELFIE -> Set.of("photo");
          default -> throw new IllegalArgumentException("not a kit kind: " + kind);
        };
    Set<String> all = new java.util.HashSet<>(COMMON);
    all.addAll(own);
    return Set.copyOf(all);
  }

  public static ObjectNode run(String kind, Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path out = SessionVideo.outputDir(args);
    int count = args.intOption("count", 1, 1, 1000);
    int seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    int fps = args.intOption("fps", 12, 5, 30);
    long start = ctx.nanoClock().getAsLong();
    ObjectNode r = Json.object();
    r.put("attack", kind);
    ArrayNode sessions;
    switch (kind) {
      case PHOTO, ANIMATED_PHOTO, ID_PHOTO_AS_SELFIE -> {
        List<Source> sources = photoSources(kind, args, ctx);
        r.put("sources", sources.size());
        sessions = r.putArray("sessions");
        for (int i = 0; i < count; i++) {
          Source source = sources.get(i % sources.size());
          SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
          SessionFolder session = photoSession(kind, source, fps, random);
          write(session, out.resolve(folderName(source.name(), kind, i)), sessions, ctx);
        }
      }
      case REPLAY_SESSION -> {
        List<Path> folders = bonaFideFolders(args.requiredPath("bona-fide", "DIR (bona fide session folders)"));
        r.put("sources", folders.size());
        sessions = r.putArray("sessions");
        for (int i = 0; i < count; i++) {
          Path folder = folders.get(i % folders.size());
          SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
          SessionFolder session = replaySession(SessionFolder.read(folder), folder.getFileName().toString(), random);
          ObjectNode s = write(session, out.resolve(folderName(folder.getFileName().toString(), kind, i)), sessions, ctx);
          s.put("source_session", folder.toString());
        }
      }
      case VIRTUAL_CAMERA -> {
        sessions = virtualCamera(args, out, count, seed, fps, r, ctx);
      }
      default -> throw new IllegalArgumentException("not a kit kind: " + kind);
    }
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - start);
    return r;
  }

  private static String folderName(String stem, String kind, int i) {
    return String.format(Locale.ROOT, "%s-%s-%03d", stem.replaceAll("[^A-Za-z0-9_-]", "_"), kind, i);
  }

  private static ObjectNode write(SessionFolder session, Path folder, ArrayNode sessions, CommandContext ctx) {
    session.write(folder);
    ObjectNode s = sessions.addObject();
    s.put("folder", folder.toString());
    s.put("frames", session.capture().frames().size());
    s.put("duration_ms", session.capture().challenge().durationMs());
    ArrayNode prompts = s.putArray("prompts");
    session.capture().challenge().prompts().forEach(p -> prompts.add(p.prompt().code()));
    s.put("colours", session.capture().challenge().colours().size());
    s.put("camera_label", String.valueOf(session.capture().telemetry().get("cameraLabel")));
    ctx.err()
        .printf(Locale.ROOT, "[bonafide] wrote %s (%d frames, %s)%n", folder, session.capture().frames().size(), prompts);
    return s;
  }

  // ---- sources --------------------------------------------------------------------------------

  /**
   * A still to attack with.
   *
   * @param name for folder names
   * @param bytes the photo's encoded bytes as given (written as the reference by {@code
   *     id-photo-as-selfie})
   */
  record Source(String name, PhotoMotion.Still still, byte[] bytes, String description) {}

  private static List<Source> photoSources(String kind, Args args, CommandContext ctx) {
    boolean photo = args.has("photo");
    boolean bonaFide = args.has("bona-fide");
    if (photo == bonaFide && !kind.equals(ID_PHOTO_AS_SELFIE)) {
      throw Args.usage("attack " + kind + " takes either --photo FILE or --bona-fide DIR.");
    }
    if (photo || kind.equals(ID_PHOTO_AS_SELFIE)) {
      Path file = args.requiredPath("photo", "FILE (a face photo)");
      readFile(file); // a missing file fails before the models load
      try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
        return List.of(photoSource(engine, file));
      }
    }
    List<Path> folders = bonaFideFolders(args.requiredPath("bona-fide", "DIR (bona fide session folders)"));
    List<SessionFolder> read = folders.stream().map(SessionFolder::read).toList();
    List<Source> sources = new ArrayList<>();
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
      for (int i = 0; i < folders.size(); i++) {
        sources.add(sharpestSource(engine, folders.get(i), read.get(i)));
      }
    }
    return sources;
  }

  /** A bona fide session's sharpest frame with a face, as a photo to attack with. */
  static Source sharpestSource(FaceEngine engine, Path folder, SessionFolder session) {
    CapturedFrame frame = sharpestWithFace(engine, session.capture().frames(), folder);
    String where = folder.getFileName() + " frame " + frame.index();
    return new Source(folder.getFileName().toString(), still(engine, frame.image(), where), frame.image(), where);
  }

  /** A face photo file as a photo to attack with. */
  static Source photoSource(FaceEngine engine, Path file) {
    byte[] bytes = readFile(file);
    return new Source(SessionVideo.stem(file), still(engine, bytes, file.toString()), bytes, file.getFileName().toString());
  }

  static byte[] readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "The file " + file + " does not exist.");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Session folders under {@code dir} labelled bona fide (or unlabelled); fails when there are none. */
  static List<Path> bonaFideFolders(Path dir) {
    List<Path> folders =
        SessionFolder.findAll(dir).stream()
            .filter(f -> !SessionFolder.ATTACK.equals(SessionFolder.read(f).label()))
            .toList();
    if (folders.isEmpty()) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "No bona fide session folder under " + dir + ".");
    }
    return folders;
  }

  /** The photo's most prominent face, with its landmarks. */
  static PhotoMotion.Still still(FaceEngine engine, byte[] bytes, String name) {
    DecodedImage image = engine.decode(bytes);
    List<Detection> faces = engine.detect(image);
    if (faces.isEmpty()) {
      throw new BonafideException(ErrorCode.NO_FACE, "No face found in " + name + ".");
    }
    Detection best = faces.stream().max((a, b) -> Float.compare(a.box().area(), b.box().area())).orElseThrow();
    return new PhotoMotion.Still(image.pixels(), best.box(), engine.landmarks(image, best.box()));
  }

  /** The sharpest frame (variance of the Laplacian) in which a face is found. */
  static CapturedFrame sharpestWithFace(FaceEngine engine, List<CapturedFrame> frames, Path folder) {
    List<CapturedFrame> bySharpness = new ArrayList<>(frames);
    Map<CapturedFrame, Double> sharpness = new LinkedHashMap<>();
    for (CapturedFrame f : frames) {
      sharpness.put(f, laplacianVariance(decode(f.image())));
    }
    bySharpness.sort((a, b) -> Double.compare(sharpness.get(b), sharpness.get(a)));
    for (CapturedFrame f : bySharpness.subList(0, Math.min(10, bySharpness.size()))) {
      if (!engine.detect(engine.decode(f.image())).isEmpty()) {
        return f;
      }
    }
    throw new BonafideException(ErrorCode.NO_FACE, "No face in the sharpest frames of " + folder + ".");
  }

  static double laplacianVariance(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] bgr = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    double sum = 0;
    double sum2 = 0;
    int n = 0;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        double lap =
            4 * grey(bgr, w, x, y) - grey(bgr, w, x - 1, y) - grey(bgr, w, x + 1, y) - grey(bgr, w, x, y - 1) - grey(bgr, w, x, y + 1);
        sum += lap;
        sum2 += lap * lap;
        n++;
      }
    }
    double mean = sum / n;
    return sum2 / n - mean * mean;
  }

  private static double grey(byte[] bgr, int w, int x, int y) {
    int p = (y * w + x) * 3;
    return ((bgr[p] & 0xff) + 2 * (bgr[p + 1] & 0xff) + (bgr[p + 2] & 0xff)) / 4.0;
  }

  /** An encoded image as {@code TYPE_3BYTE_BGR}. */
  static BufferedImage decode(byte[] bytes) {
    BufferedImage read;
    try {
      read = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot decode an image: " + e.getMessage());
    }
    if (read == null) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "An image is in no format this tool reads.");
    }
    if (read.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return read;
    }
    BufferedImage bgr = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    bgr.getGraphics().drawImage(read, 0, 0, null);
    return bgr;
  }

  // ---- photo, animated-photo, id-photo-as-selfie ------------------------------------------------

  /** A fresh challenge; the photo, shaken (and for {@code animated-photo} animated) over it. */
  static SessionFolder photoSession(String kind, Source source, int fps, SplittableRandom random) {
    Challenge challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), random);
    long[] timestamps = SessionVideo.timestamps(challenge.durationMs(), fps, random);
    PhotoMotion.Shake[] shakes = PhotoMotion.handHeld(timestamps.length, random);
    PhotoMotion.Pose[] poses =
        kind.equals(ANIMATED_PHOTO) ? PhotoMotion.choreography(challenge, timestamps, random) : null;
    List<CapturedFrame> frames = new ArrayList<>(timestamps.length);
    for (int k = 0; k < timestamps.length; k++) {
      long t = timestamps[k];
      BufferedImage image = PhotoMotion.render(source.still(), poses == null ? PhotoMotion.Pose.NEUTRAL : poses[k], shakes[k]);
      PhotoMotion.degrade(image, shakes[k].blur(), SENSOR_NOISE, random);
      frames.add(new CapturedFrame(k, t, SessionVideo.promptAt(challenge, t), SessionVideo.screenAt(challenge, t), SessionVideo.jpeg(image)));
    }
    String what =
        switch (kind) {
          case ANIMATED_PHOTO -> "a photo animated in 2D (cylinder turns, sliding-face nods and painted-lid blinks in the challenge's order)";
          case ID_PHOTO_AS_SELFIE -> "the ID document's portrait submitted as the selfie and as the reference";
          default -> "a still photo";
        };
    String description =
        String.format(
            Locale.ROOT,
            "%s (attack %s): %s, hand-held jitter, blur and sensor noise, framed %dx%d, at %d fps, on a freshly drawn challenge",
            what, kind, source.description(), Framing.WIDTH, Framing.HEIGHT, fps);
    SessionFolder session =
        SessionFolder.attack(new Capture(challenge, frames, phoneTelemetry(SessionVideo.PHONE_CAMERA)), kind, description);
    return kind.equals(ID_PHOTO_AS_SELFIE) ? session.withReference(source.bytes()) : session;
  }

  static Map<String, Object> phoneTelemetry(String cameraLabel) {
    return SessionVideo.phoneTelemetry(cameraLabel);
  }

  /** A desktop browser's telemetry (no touch) with the virtual camera's label. */
  static Map<String, Object> desktopTelemetry() {
    Map<String, Object> telemetry = SessionVideo.deviceTelemetry(VIRTUAL_CAMERA_LABEL, DESKTOP_USER_AGENT, 1920, 1080);
    telemetry.put("maxTouchPoints", 0);
    return telemetry;
  }

  // ---- replay-session -----------------------------------------------------------------------

  /**
   * The recorded session's frames, bytes and timestamps unchanged, submitted to a new session: a
   * freshly drawn challenge (drawn again in the unlikely case it equals the old one), each frame
   * annotated with what the new challenge had on screen at its time. A capture page stops at the
   * new challenge's end, so later frames are not sent; the source's telemetry and reference go
   * along as the attacker replays the whole recorded request.
   */
  static SessionFolder replaySession(SessionFolder source, String name, SplittableRandom random) {
    Challenge old = source.capture().challenge();
    Challenge challenge;
    do {
      challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), random);
    } while (challenge.equals(old));
    List<CapturedFrame> frames = new ArrayList<>();
    for (CapturedFrame f : source.capture().frames()) {
      if (f.timestampMs() >= challenge.durationMs()) {
        break;
      }
      long t = f.timestampMs();
      frames.add(new CapturedFrame(frames.size(), t, SessionVideo.promptAt(challenge, t), SessionVideo.screenAt(challenge, t), f.image()));
    }
    String description =
        String.format(
            Locale.ROOT,
            "replayed session (attack replay-session): the frames and timestamps of %s (%d of %d frames, up to the new"
                + " challenge's end) re-submitted onto a freshly drawn challenge",
            name, frames.size(), source.capture().frames().size());
    SessionFolder session =
        SessionFolder.attack(new Capture(challenge, frames, source.capture().telemetry()), REPLAY_SESSION, description);
    return source.reference() == null ? session : session.withReference(source.reference());
  }

  // ---- virtual-camera -----------------------------------------------------------------------

  private static ArrayNode virtualCamera(Args args, Path out, int count, int seed, int fps, ObjectNode r, CommandContext ctx) {
    boolean video = args.has("video");
    if (video == args.has("bona-fide")) {
      throw Args.usage("attack virtual-camera takes either --video FILE or --bona-fide DIR.");
    }
    ArrayNode sessions;
    if (video) {
      Path file = args.requiredPath("video", "FILE (the video the virtual camera plays)");
      Footage footage = SessionVideo.footage(file, ctx, "attack virtual-camera");
      Framing framing = Framing.of(footage);
      List<int[]> usable = BonaFideSimulation.usableShots(footage);
      r.put("video", file.toString());
      r.put("sources", 1);
      sessions = r.putArray("sessions");
      for (int i = 0; i < count; i++) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        Challenge challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), random);
        int[] shot = usable.isEmpty() ? new int[] {0, footage.size()} : usable.get(random.nextInt(usable.size()));
        long offset = footage.timestampMs(shot[0] + random.nextInt(shot[1] - shot[0]));
        // The replay renderer samples the video at the capture loop's times; the virtual camera's
        // own clock then replaces them.
        SessionFolder played =
            ReplayAttack.render(footage, framing, shot, challenge, offset, fps, VIRTUAL_CAMERA_LABEL, random, file);
        SessionFolder session =
            virtualise(played.capture(), fps, random, file.getFileName() + " played from " + offset + " ms");
        write(session, out.resolve(folderName(SessionVideo.stem(file), VIRTUAL_CAMERA, i)), sessions, ctx);
      }
    } else {
      List<Path> folders = bonaFideFolders(args.requiredPath("bona-fide", "DIR (bona fide session folders)"));
      r.put("sources", folders.size());
      sessions = r.putArray("sessions");
      for (int i = 0; i < count; i++) {
        Path folder = folders.get(i % folders.size());
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        SessionFolder session = virtualCamera(SessionFolder.read(folder), folder.getFileName().toString(), fps, random);
        ObjectNode s = write(session, out.resolve(folderName(folder.getFileName().toString(), VIRTUAL_CAMERA, i)), sessions, ctx);
        s.put("source_session", folder.toString());
      }
    }
    return sessions;
  }

  /** A recorded session's frames played through a virtual camera onto a freshly drawn challenge. */
  static SessionFolder virtualCamera(SessionFolder source, String name, int fps, SplittableRandom random) {
    Challenge challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), random);
    return virtualise(playedOnto(source.capture(), challenge), fps, random, "the frames of " + name);
  }

  /** A recorded capture's frames played (looping) over a new challenge's duration, at their own times. */
  static Capture playedOnto(Capture source, Challenge challenge) {
    List<CapturedFrame> in = source.frames();
    long length = in.get(in.size() - 1).timestampMs() + 1;
    List<CapturedFrame> frames = new ArrayList<>();
    for (long cycle = 0; frames.size() < 100_000; cycle += length) {
      boolean more = false;
      for (CapturedFrame f : in) {
        long t = cycle + f.timestampMs();
        if (t < challenge.durationMs()) {
          frames.add(new CapturedFrame(frames.size(), t, null, null, f.image()));
          more = true;
        }
      }
      if (!more || cycle + length >= challenge.durationMs()) {
        break;
      }
    }
    return new Capture(challenge, frames, Map.of());
  }

  /**
   * What a virtual camera delivers of a played capture: frames on the camera's own clock, exactly
   * 1000/fps ms apart (rounded to whole milliseconds), the frame playing at each tick, now and then
   * the previous frame handed over again byte for byte, every other frame re-encoded after a
   * slight blur (the player's scaling and the encoder smooth the sensor noise away), and a desktop
   * browser's telemetry with the virtual camera's label and no touch.
   */
  static SessionFolder virtualise(Capture played, int fps, SplittableRandom random, String what) {
    Challenge challenge = played.challenge();
    int count = (int) Math.max(1, Math.floor(challenge.durationMs() * fps / 1000.0));
    List<CapturedFrame> source = played.frames();
    List<CapturedFrame> frames = new ArrayList<>(count);
    byte[] previous = null;
    int duplicates = 0;
    for (int k = 0; k < count; k++) {
      long t = Math.round(k * 1000.0 / fps);
      byte[] bytes;
      if (previous != null && random.nextDouble() < DUPLICATE_SHARE) {
        bytes = previous;
        duplicates++;
      } else {
        BufferedImage image = decode(frameAt(source, t).image());
        PhotoMotion.degrade(image, 1, 0, random);
        PhotoMotion.degrade(image, 0.6, 0, random);
        bytes = SessionVideo.jpeg(image);
      }
      frames.add(new CapturedFrame(k, t, SessionVideo.promptAt(challenge, t), SessionVideo.screenAt(challenge, t), bytes));
      previous = bytes;
    }
    String description =
        String.format(
            Locale.ROOT,
            "virtual camera (attack virtual-camera): %s through \"%s\" onto a freshly drawn challenge, frames exactly"
                + " 1000/%d ms apart, %d repeated, re-encoded after a blur that removes sensor noise",
            what, VIRTUAL_CAMERA_LABEL, fps, duplicates);
    return SessionFolder.attack(new Capture(challenge, frames, desktopTelemetry()), VIRTUAL_CAMERA, description);
  }

  /** The last frame at or before {@code t} (the first frame before any). */
  private static CapturedFrame frameAt(List<CapturedFrame> frames, long t) {
    CapturedFrame at = frames.get(0);
    for (CapturedFrame f : frames) {
      if (f.timestampMs() > t) {
        break;
      }
      at = f;
    }
    return at;
  }
}
