package org.bonafide.cli.attack;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.biometrics.JpegEncoder;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Progress;
import org.bonafide.cli.VideoFrames;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.ColourFlash;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/** What the commands that turn a video into session folders share. */
final class SessionVideo {
  /** A bound on memory: 10 minutes at 30 fps of decoded frames is already several gigabytes. */
  static final int MAX_FRAMES = 18_000;
  /** JPEG quality of the frames, as a capture page's canvas export would use. */
  static final float JPEG_QUALITY = 0.85f;
  /** The widest frame a capture page sends; the framed frames are narrower. */
  static final int MAX_FRAME_WIDTH = 640;

  private SessionVideo() {}

  /** Decodes the video and follows its subject, with progress on stderr. */
  static Footage footage(Path video, CommandContext ctx, String label) {
    long start = ctx.nanoClock().getAsLong();
    List<VideoFrames.VideoFrame> frames = VideoFrames.readAll(video, MAX_FRAMES);
    ctx.err()
        .printf(
            Locale.ROOT,
            "[bonafide] %s: decoded %d frames (%dx%d) in %d ms%n",
            label,
            frames.size(),
            frames.get(0).image().getWidth(),
            frames.get(0).image().getHeight(),
            (ctx.nanoClock().getAsLong() - start) / 1_000_000);
    try (FaceEngine engine = ctx.engine(FaceEngineSettings.defaults())) {
      Progress progress =
          new Progress(ctx.err(), label + ": following the subject", "steps", 2 * frames.size(), 100, ctx.nanoClock());
      return Footage.analyse(engine, frames, progress, video.toString());
    }
  }

  /** The output folder, created; fails with a clear message when it is a file. */
  static Path outputDir(Args args) {
    Path out = args.requiredPath("out", "DIR (where the session folders are written)");
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "--out " + out + " is a file, not a folder.");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot create " + out + ": " + e.getMessage());
    }
    return out;
  }

  /** A name for session folders made from the video: its file name without the extension. */
  static String stem(Path video) {
    String name = video.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return stem.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** The prompt on screen at {@code ms} from the challenge's start, or null after its end. */
  static Prompt promptAt(Challenge challenge, long ms) {
    long t = 0;
    for (PromptStep step : challenge.prompts()) {
      if (ms >= t && ms < t + step.durationMs()) {
        return step.prompt();
      }
      t += step.durationMs();
    }
    return null;
  }

  /**
   * The colour on screen at {@code ms} from the challenge's start: the colours flash in order from
   * the start of the first {@link Prompt#HOLD_STILL} step; null outside them.
   */
  static String screenAt(Challenge challenge, long ms) {
    long holdStart = colourStartMs(challenge);
    if (holdStart < 0 || ms < holdStart) {
      return null;
    }
    long t = holdStart;
    for (ColourFlash flash : challenge.colours()) {
      if (ms < t + flash.durationMs()) {
        return flash.colour();
      }
      t += flash.durationMs();
    }
    return null;
  }

  /** When the colours start: the start of the first hold-still step, or -1 when there is none. */
  static long colourStartMs(Challenge challenge) {
    long t = 0;
    for (PromptStep step : challenge.prompts()) {
      if (step.prompt() == Prompt.HOLD_STILL) {
        return t;
      }
      t += step.durationMs();
    }
    return -1;
  }

  /** Capture timestamps at {@code fps} over {@code durationMs}, with a capture loop's jitter. */
  static long[] timestamps(long durationMs, int fps, java.util.random.RandomGenerator random) {
    int count = (int) Math.max(1, Math.floor(durationMs * fps / 1000.0));
    long[] ts = new long[count];
    long previous = -1;
    for (int k = 0; k < count; k++) {
      long t = Math.round(k * 1000.0 / fps) + (k == 0 ? 0 : random.nextInt(-4, 5));
      t = Math.max(previous + 1, Math.min(durationMs - 1, t));
      ts[k] = t;
      previous = t;
    }
    return ts;
  }

  /** The stock front camera a phone's browser reports (re-flashed phones report it too). */
  static final String PHONE_CAMERA = "camera2 1, facing front";

  static final String PHONE_USER_AGENT =
      "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

  /** The telemetry of a phone's browser with this camera label, at the framed size, with touch. */
  static Map<String, Object> phoneTelemetry(String cameraLabel) {
    Map<String, Object> t = deviceTelemetry(cameraLabel, PHONE_USER_AGENT, 412, 915);
    t.put("maxTouchPoints", 5);
    return t;
  }

  /**
   * Device telemetry as the tools write it: camera, the framed size at 30 fps (also as the
   * delivered video's size, {@code videoWidth} and {@code videoHeight}), user agent, screen, and
   * the encoding the frames really get ({@code capture.jpegQuality}, {@code capture.maxWidth}: the
   * framed size is within it), as the capture page declares its own.
   */
  static Map<String, Object> deviceTelemetry(String cameraLabel, String userAgent, int screenWidth, int screenHeight) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("cameraLabel", cameraLabel);
    t.put("width", Framing.WIDTH);
    t.put("height", Framing.HEIGHT);
    t.put("frameRate", 30);
    t.put("videoWidth", Framing.WIDTH);
    t.put("videoHeight", Framing.HEIGHT);
    t.put("userAgent", userAgent);
    t.put("screenWidth", screenWidth);
    t.put("screenHeight", screenHeight);
    Map<String, Object> capture = new LinkedHashMap<>();
    capture.put("jpegQuality", Math.round(JPEG_QUALITY * 100) / 100.0);
    capture.put("maxWidth", MAX_FRAME_WIDTH);
    t.put("capture", capture);
    return t;
  }

  static byte[] jpeg(BufferedImage image) {
    return JpegEncoder.encode(image, JPEG_QUALITY);
  }

  /** The subject's landmarks mapped into the framed (cropped and scaled) frame's pixels. */
  static float[] framedLandmarks(float[] landmarks, Framing.Window window) {
    float[] out = new float[landmarks.length];
    for (int i = 0; i < landmarks.length; i += 2) {
      out[i] = (float) window.outX(landmarks[i]);
      out[i + 1] = (float) window.outY(landmarks[i + 1]);
    }
    return out;
  }
}
