package org.bonafide.cli.attack;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.ColourFlash;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.session.ChallengeGenerator;
import org.bonafide.session.ChallengePolicy;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code simulate bona-fide-session}: bona fide session folders from real footage of a person,
 * without a camera. Everything the person does is real; only the screen's light is simulated.
 *
 * <ol>
 *   <li>The subject is followed through the video ({@link Footage}); a shot qualifies when the
 *       subject's face is found in nine frames of ten, at least {@value #MIN_FACE_PX} pixels tall and
 *       facing the camera (median yaw within {@value #MAX_SHOT_YAW} degrees).
 *   <li>The movements and blinks the person really makes are found by this tool's own criteria
 *       ({@link Movements}); the liveness detectors' settings are never read.
 *   <li>A colour sequence is drawn as for a real session and placed over the steadiest stretch of a
 *       shot (the least yaw and pitch range) that is followed by at least one real movement or
 *       blink in the same shot; the challenge ("oracle") is hold-still for the colours, then the
 *       real movements and blinks in the order they happen, each window reaching from the previous
 *       one to just after the movement is back.
 *   <li>The real frames are re-timed at the capture rate (real speed, the frame on screen at each
 *       capture time), framed like a selfie camera ({@link Framing}), and lit by the screen ({@link
 *       ScreenLight}).
 * </ol>
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class BonaFideSimulation {
  public static final Set<String> OPTIONS = Set.of("video", "out", "count", "seed", "fps", "trajectory");

  static final int MIN_FACE_PX = 60;
  static final double MAX_SHOT_YAW = 25;
  /** After the last movement is back, the window stays open this long. */
  static final int TAIL_MS = 600;
  /**
   * A hold-still stretch is still when its yaw range plus pitch range (smoothed) is within this
   * many degrees; colour sequences are drawn until one fits over a still stretch.
   */
  static final double STEADY_DEGREES = 10;
  /** How many colour sequences are drawn before taking the least moving stretch that fits. */
  private static final int DRAWS = 500_000;

  private static final Map<String, Object> TELEMETRY = SessionVideo.phoneTelemetry(SessionVideo.PHONE_CAMERA);

  private BonaFideSimulation() {}

  /**
   * Where a session comes from: a stretch of one shot and its oracle challenge.
   *
   * @param steadiness the yaw range plus the pitch range over the hold-still stretch, degrees
   * @param draws colour sequences drawn until one fitted: many means the footage only admits short
   *     sequences, and the sessions are biased towards them
   */
  record Plan(
      int shot,
      int holdFrame,
      long holdStartMs,
      long endMs,
      Challenge challenge,
      List<Movements.Event> events,
      double steadiness,
      int draws) {
    Plan withDraws(int n) {
      return new Plan(shot, holdFrame, holdStartMs, endMs, challenge, events, steadiness, n);
    }
  }

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path video = args.requiredPath("video", "FILE (the footage)");
    Path out = SessionVideo.outputDir(args);
    int count = args.intOption("count", 1, 1, 1000);
    int seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    int fps = args.intOption("fps", 12, 5, 30);
    Path trajectory = args.has("trajectory") ? Path.of(args.required("trajectory", "FILE.jsonl")) : null;
    long start = ctx.nanoClock().getAsLong();

    Footage footage = SessionVideo.footage(video, ctx, "simulate bona-fide-session");
    if (trajectory != null) {
      writeTrajectory(footage, trajectory);
    }
    Framing framing = Framing.of(footage);
    List<int[]> shots = usableShots(footage);
    List<Movements.Event> events = new ArrayList<>();
    for (int[] shot : shots) {
      events.addAll(Movements.find(footage, shot[0], shot[1]));
    }

    ObjectNode r = Json.object();
    r.put("simulate", "bona-fide-session");
    r.put("video", video.toString());
    r.put("frames", footage.size());
    r.put("subject_frames", footage.faceFrames());
    r.put("shots", footage.shot(footage.size() - 1) + 1);
    ArrayNode usable = r.putArray("usable_shots");
    for (int[] shot : shots) {
      usable.addObject()
          .put("shot", footage.shot(shot[0]))
          .put("from_ms", footage.timestampMs(shot[0]))
          .put("to_ms", footage.timestampMs(shot[1] - 1));
    }
    ArrayNode found = r.putArray("events");
    for (Movements.Event e : events) {
      found.addObject()
          .put("prompt", e.prompt().code())
          .put("from_ms", footage.timestampMs(e.start()))
          .put("peak_ms", footage.timestampMs(e.peak()))
          .put("to_ms", footage.timestampMs(e.end()))
          .put("degrees", Math.round(e.degrees() * 10) / 10.0);
    }
    if (shots.isEmpty()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "No shot of " + video + " shows one face facing the camera throughout (face found in 90% of the frames, "
              + MIN_FACE_PX + " px tall or more, median yaw within " + MAX_SHOT_YAW + " degrees).");
    }

    ArrayNode sessions = r.putArray("sessions");
    String stem = SessionVideo.stem(video);
    for (int i = 0; i < count; i++) {
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
      Plan plan = plan(footage, shots, events, random, video);
      ScreenLight.Params light =
          new ScreenLight.Params(0.12 + 0.18 * random.nextDouble(), 60 + random.nextInt(51), 1.5);
      Path folder = out.resolve(String.format(Locale.ROOT, "%s-bona-fide-%03d", stem, i));
      SessionFolder session = render(footage, framing, plan, light, fps, random, video);
      session.write(folder);
      ObjectNode s = sessions.addObject();
      s.put("folder", folder.toString());
      s.put("frames", session.capture().frames().size());
      s.put("duration_ms", plan.challenge().durationMs());
      s.put("source_from_ms", plan.holdStartMs());
      s.put("source_to_ms", plan.endMs());
      ArrayNode prompts = s.putArray("prompts");
      plan.challenge().prompts().forEach(p -> prompts.add(p.prompt().code()));
      s.put("colours", plan.challenge().colours().size());
      s.put("colour_draws", plan.draws());
      s.put("hold_still_range_degrees", Math.round(plan.steadiness() * 10) / 10.0);
      s.put("light_gain", Math.round(light.gain() * 1000) / 1000.0);
      s.put("lag_ms", light.lagMs());
      ctx.err().printf(Locale.ROOT, "[bonafide] wrote %s (%d frames, %s)%n", folder, session.capture().frames().size(), prompts);
    }
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - start);
    return r;
  }

  /** Frame ranges [from, to) of the shots a selfie could have been taken from. */
  static List<int[]> usableShots(Footage footage) {
    List<int[]> shots = new ArrayList<>();
    for (int from = 0; from < footage.size(); ) {
      int to = from;
      while (to < footage.size() && footage.shot(to) == footage.shot(from)) {
        to++;
      }
      List<Double> heights = new ArrayList<>();
      List<Double> yaws = new ArrayList<>();
      for (int i = from; i < to; i++) {
        Footage.Subject s = footage.subject(i);
        if (s != null) {
          heights.add((double) s.box().height());
          yaws.add((double) s.pose().yaw());
        }
      }
      boolean faceThroughout = heights.size() >= 0.9 * (to - from);
      if (faceThroughout
          && median(heights) >= MIN_FACE_PX
          && Math.abs(median(yaws)) <= MAX_SHOT_YAW
          && to - from >= 2) {
        shots.add(new int[] {from, to});
      }
      from = to;
    }
    return shots;
  }

  private static double median(List<Double> values) {
    return Movements.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * Draws colours and finds where they fit: a hold-still stretch inside a usable shot, followed in
   * the same shot by real movements or blinks. Among the stretches that fit, a random one of the
   * steadiest (within a quarter of the steadiest's range) is taken. Colours are drawn again until
   * that stretch is still ({@value #STEADY_DEGREES} degrees); when no draw gives a still stretch,
   * the least moving one found is taken, and its range says so.
   */
  static Plan plan(Footage footage, List<int[]> shots, List<Movements.Event> events, SplittableRandom random, Path video) {
    Plan leastMoving = null;
    List<Movements.Pose> poses = shots.stream().map(shot -> Movements.pose(footage, shot[0], shot[1])).toList();
    for (int draw = 0; draw < DRAWS; draw++) {
      List<ColourFlash> colours = ChallengeGenerator.drawColours(ChallengePolicy.standard(), random);
      int colourMs = colours.stream().mapToInt(ColourFlash::durationMs).sum();
      List<Plan> candidates = new ArrayList<>();
      for (int si = 0; si < shots.size(); si++) {
        int[] shot = shots.get(si);
        Movements.Pose pose = poses.get(si);
        long shotEnd = footage.timestampMs(shot[1] - 1) + footage.frameIntervalMs();
        for (int h = shot[0]; h < shot[1]; h++) {
          long holdStart = footage.timestampMs(h);
          long holdEnd = holdStart + colourMs;
          List<Movements.Event> after = new ArrayList<>();
          for (Movements.Event e : events) {
            // The movement's peak and return fall after the colours; it may begin in their last moments.
            if (e.start() >= h && e.end() < shot[1] && footage.timestampMs(e.peak()) >= holdEnd) {
              after.add(e);
            }
          }
          if (after.isEmpty()) {
            continue;
          }
          int holdEndFrame = footage.frameAt(holdEnd);
          double yawRange = range(pose.yaw(), h - shot[0], holdEndFrame - shot[0]);
          double pitchRange = range(pose.pitch(), h - shot[0], holdEndFrame - shot[0]);
          candidates.add(layout(footage, shot, h, holdStart, colours, colourMs, after, shotEnd, yawRange + pitchRange));
        }
      }
      if (!candidates.isEmpty()) {
        double best = candidates.stream().mapToDouble(Plan::steadiness).min().orElseThrow();
        List<Plan> steadiest = candidates.stream().filter(p -> p.steadiness() <= best * 1.25 + 1).toList();
        Plan chosen = steadiest.get(random.nextInt(steadiest.size())).withDraws(draw + 1);
        if (chosen.steadiness() <= STEADY_DEGREES) {
          return chosen;
        }
        if (leastMoving == null || chosen.steadiness() < leastMoving.steadiness()) {
          leastMoving = chosen;
        }
      }
    }
    if (leastMoving != null) {
      // The footage has no still stretch that fits: the person moves while the colours flash.
      return leastMoving.withDraws(DRAWS);
    }
    throw new BonafideException(
        ErrorCode.VALIDATION_FAILED,
        "The footage " + video + " has no stretch in one shot long enough for a colour sequence ("
            + "at least " + ChallengePolicy.standard().minColours() * ChallengePolicy.standard().minColourMs()
            + " ms) followed by a real movement or blink. Movements and blinks found: "
            + (events.isEmpty()
                ? "none"
                : String.join(
                    ", ",
                    events.stream()
                        .map(e -> e.prompt().code() + " " + footage.timestampMs(e.start()) + "-" + footage.timestampMs(e.end()) + " ms")
                        .toList()))
            + "; usable shots: "
            + String.join(
                ", ",
                shots.stream().map(s -> footage.timestampMs(s[0]) + "-" + footage.timestampMs(s[1] - 1) + " ms").toList())
            + ".");
  }

  private static Plan layout(
      Footage footage,
      int[] shot,
      int holdFrame,
      long holdStart,
      List<ColourFlash> colours,
      int colourMs,
      List<Movements.Event> after,
      long shotEnd,
      double steadiness) {
    List<PromptStep> prompts = new ArrayList<>();
    prompts.add(new PromptStep(Prompt.HOLD_STILL, colourMs));
    long boundary = holdStart + colourMs;
    for (int j = 0; j < after.size(); j++) {
      Movements.Event e = after.get(j);
      long back = footage.timestampMs(e.end());
      long next =
          j + 1 < after.size()
              ? Math.max(back, (back + footage.timestampMs(after.get(j + 1).start())) / 2)
              : Math.min(back + TAIL_MS, shotEnd);
      next = Math.max(next, back);
      prompts.add(new PromptStep(e.prompt(), (int) Math.max(1, next - boundary)));
      boundary = Math.max(next, boundary + 1);
    }
    Challenge challenge = new Challenge(prompts, colours);
    return new Plan(
        footage.shot(shot[0]), holdFrame, holdStart, holdStart + challenge.durationMs(), challenge, after, steadiness, 0);
  }

  private static double range(double[] values, int from, int to) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = Math.max(0, from); i <= Math.min(values.length - 1, to); i++) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
    return max - min;
  }

  /** The session's frames: real frames re-timed, framed, and lit by the screen. */
  static SessionFolder render(
      Footage footage, Framing framing, Plan plan, ScreenLight.Params light, int fps, SplittableRandom random, Path video) {
    Challenge challenge = plan.challenge();
    long[] timestamps = SessionVideo.timestamps(challenge.durationMs(), fps, random);
    long colourStart = SessionVideo.colourStartMs(challenge);
    List<CapturedFrame> frames = new ArrayList<>(timestamps.length);
    for (int k = 0; k < timestamps.length; k++) {
      long t = timestamps[k];
      int source = footage.frameAt(plan.holdStartMs() + t);
      BufferedImage image = framing.crop(footage.frames().get(source).image(), source);
      Footage.Subject subject = footage.subject(source);
      float[] landmarks =
          subject == null ? null : SessionVideo.framedLandmarks(subject.landmarks(), framing.window(source));
      double[] screen = ScreenLight.screenAt(challenge.colours(), colourStart, t, light.lagMs());
      ScreenLight.apply(image, landmarks, screen, light, random);
      frames.add(
          new CapturedFrame(
              k, t, SessionVideo.promptAt(challenge, t), SessionVideo.screenAt(challenge, t), SessionVideo.jpeg(image)));
    }
    Map<String, Object> telemetry = new LinkedHashMap<>(TELEMETRY);
    String source =
        String.format(
            Locale.ROOT,
            "simulated bona fide (simulate bona-fide-session): real footage %s from %d to %d ms (shot %d), framed"
                + " %dx%d around the subject and re-timed at %d fps; oracle challenge from the person's own"
                + " movements; simulated: screen light (gain %.3f, lag %d ms) and sensor noise (sigma %.1f)",
            video.getFileName(),
            plan.holdStartMs(),
            plan.endMs(),
            plan.shot(),
            Framing.WIDTH,
            Framing.HEIGHT,
            fps,
            light.gain(),
            light.lagMs(),
            light.noise());
    return SessionFolder.bonaFide(new Capture(challenge, frames, telemetry), source);
  }

  /** One JSON line per source frame: time, shot, and the subject's box, pose and eyes. */
  static void writeTrajectory(Footage footage, Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < footage.size(); i++) {
        ObjectNode line = Json.object();
        line.put("frame", i);
        line.put("ms", footage.timestampMs(i));
        line.put("shot", footage.shot(i));
        Footage.Subject s = footage.subject(i);
        line.put("face", s != null);
        if (s != null) {
          line.putArray("box")
              .add(Math.round(s.box().x1()))
              .add(Math.round(s.box().y1()))
              .add(Math.round(s.box().x2()))
              .add(Math.round(s.box().y2()));
          line.put("yaw", Math.round(s.pose().yaw() * 10) / 10.0);
          line.put("pitch", Math.round(s.pose().pitch() * 10) / 10.0);
          line.put("roll", Math.round(s.pose().roll() * 10) / 10.0);
          line.put("eye_left", Math.round(s.eyes().leftOpenProbability() * 100) / 100.0);
          line.put("eye_right", Math.round(s.eyes().rightOpenProbability() * 100) / 100.0);
        }
        w.write(Json.line(line));
        w.newLine();
      }
    } catch (IOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot write " + file + ": " + e.getMessage());
    }
  }
}
