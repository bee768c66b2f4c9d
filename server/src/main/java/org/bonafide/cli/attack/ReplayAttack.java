package org.bonafide.cli.attack;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.bonafide.liveness.SessionFolder;
import org.bonafide.session.ChallengeGenerator;
import org.bonafide.session.ChallengePolicy;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code attack replay-video}: attack session folders from a recorded video, as a phone whose
 * camera was replaced by a video feed (a re-flashed phone, a virtual camera) would submit them. A
 * fresh challenge is drawn as for a real session; the video plays from a random start at real speed
 * while the challenge runs, looping within a shot that shows its subject alone and facing the camera
 * (the stretch an attacker would pick: the same shots the bona fide simulator may use), or within the
 * whole video when it has no such shot, sampled at the capture rate, framed around its
 * subject like a selfie camera ({@link Framing}); each frame is annotated with the prompt and
 * colour the challenge had on screen at that moment. Nothing in the video responds to them.
 *
 * <p>Public for the entry point's dispatch ({@link org.bonafide.cli.Cli}): the options and {@code run}.
 */
public final class ReplayAttack {
  public static final Set<String> OPTIONS = Set.of("video", "out", "count", "seed", "fps");
  public static final String ATTACK_TYPE = "replay-video";

  /**
   * Camera labels a video feed shows: virtual-camera software, and a re-flashed phone that reports
   * its stock front camera (so an attack is not told by its label alone).
   */
  static final List<String> CAMERA_LABELS =
      List.of("OBS Virtual Camera", "Dummy video device (0x0000)", SessionVideo.PHONE_CAMERA);

  private ReplayAttack() {}

  public static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path video = args.requiredPath("video", "FILE (the recorded video to replay)");
    Path out = SessionVideo.outputDir(args);
    int count = args.intOption("count", 1, 1, 1000);
    int seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
    int fps = args.intOption("fps", 12, 5, 30);
    long start = ctx.nanoClock().getAsLong();

    Footage footage = SessionVideo.footage(video, ctx, "attack replay-video");
    Framing framing = Framing.of(footage);

    ObjectNode r = Json.object();
    r.put("attack", ATTACK_TYPE);
    r.put("video", video.toString());
    r.put("frames", footage.size());
    r.put("subject_frames", footage.faceFrames());
    r.put("video_ms", footage.durationMs());
    List<int[]> usable = BonaFideSimulation.usableShots(footage);
    r.put("usable_shots", usable.size());
    ArrayNode sessions = r.putArray("sessions");
    String stem = SessionVideo.stem(video);
    for (int i = 0; i < count; i++) {
      Replay replay = replay(footage, framing, usable, fps, new SplittableRandom(seed * 1_000_003L + i), video);
      SessionFolder session = replay.session();
      Challenge challenge = session.capture().challenge();
      int[] shot = replay.shot();
      long offset = replay.offsetMs();
      String label = replay.cameraLabel();
      Path folder = out.resolve(String.format(Locale.ROOT, "%s-replay-%03d", stem, i));
      session.write(folder);
      ObjectNode s = sessions.addObject();
      s.put("folder", folder.toString());
      s.put("frames", session.capture().frames().size());
      s.put("duration_ms", challenge.durationMs());
      s.put("video_start_ms", offset);
      s.put("shot", footage.shot(shot[0]));
      s.put("camera_label", label);
      ArrayNode prompts = s.putArray("prompts");
      challenge.prompts().forEach(p -> prompts.add(p.prompt().code()));
      s.put("colours", challenge.colours().size());
      ctx.err().printf(Locale.ROOT, "[bonafide] wrote %s (%d frames, %s)%n", folder, session.capture().frames().size(), prompts);
    }
    Json.millis(r, "elapsed_ms", ctx.nanoClock().getAsLong() - start);
    return r;
  }

  /** One replayed session, with where in the video it starts. */
  record Replay(SessionFolder session, int[] shot, long offsetMs, String cameraLabel) {}

  /**
   * One attack session: a fresh challenge, a usable shot (the whole video when there is none), a
   * random start in it and a camera label, all drawn from {@code random}, then {@link #render}.
   *
   * @param usable {@link BonaFideSimulation#usableShots} of the footage
   */
  static Replay replay(Footage footage, Framing framing, List<int[]> usable, int fps, SplittableRandom random, Path video) {
    Challenge challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), random);
    int[] shot = usable.isEmpty() ? new int[] {0, footage.size()} : usable.get(random.nextInt(usable.size()));
    long offset = footage.timestampMs(shot[0] + random.nextInt(shot[1] - shot[0]));
    String label = CAMERA_LABELS.get(random.nextInt(CAMERA_LABELS.size()));
    return new Replay(render(footage, framing, shot, challenge, offset, fps, label, random, video), shot, offset, label);
  }

  /**
   * The video from {@code offsetMs} on, looping within the frames {@code shot} = [from, to), sampled
   * at the capture times of the challenge, with the challenge's prompt and colour on each frame.
   */
  static SessionFolder render(
      Footage footage,
      Framing framing,
      int[] shot,
      Challenge challenge,
      long offsetMs,
      int fps,
      String cameraLabel,
      SplittableRandom random,
      Path video) {
    long[] timestamps = SessionVideo.timestamps(challenge.durationMs(), fps, random);
    long first = footage.timestampMs(shot[0]);
    long length =
        Math.max(
            1,
            (shot[1] < footage.size() ? footage.timestampMs(shot[1]) : footage.durationMs()) - first);
    List<CapturedFrame> frames = new ArrayList<>(timestamps.length);
    for (int k = 0; k < timestamps.length; k++) {
      long t = timestamps[k];
      long videoMs = first + Math.floorMod(offsetMs - first + t, length);
      int source = footage.frameAt(videoMs);
      BufferedImage image = framing.crop(footage.frames().get(source).image(), source);
      frames.add(
          new CapturedFrame(
              k, t, SessionVideo.promptAt(challenge, t), SessionVideo.screenAt(challenge, t), SessionVideo.jpeg(image)));
    }
    Map<String, Object> telemetry = SessionVideo.phoneTelemetry(cameraLabel);
    String source =
        String.format(
            Locale.ROOT,
            "replayed video (attack replay-video): %s played from %d ms (looping within %d-%d ms) onto a freshly"
                + " drawn challenge,"
                + " framed %dx%d around its subject, at %d fps, camera label \"%s\"",
            video.getFileName(),
            offsetMs,
            first,
            first + length,
            Framing.WIDTH,
            Framing.HEIGHT,
            fps,
            cameraLabel);
    return SessionFolder.attack(new Capture(challenge, frames, telemetry), ATTACK_TYPE, source);
  }
}
