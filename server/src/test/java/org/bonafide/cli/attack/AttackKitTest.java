package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.CliHarness;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.CheckResult;
import org.bonafide.liveness.LivenessAnalyzers;
import org.bonafide.liveness.LivenessReport;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.session.ChallengeGenerator;
import org.bonafide.session.ChallengePolicy;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;


/** The attack kit's generators: what they write, and that their pictures really move as claimed. */
class AttackKitTest {
  private static FaceEngine engine;
  private static PhotoMotion.Still still;

  @TempDir Path dir;

  @BeforeAll
  static void loadEngine() {
    engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(2, 1));
    // sample3's middle woman, cropped so she is the photo's most prominent face.
    BufferedImage crop = TestImages.crop(TestImages.SAMPLE3_MIDDLE);
    still = AttackKit.still(engine, TestImages.jpeg(crop, 0.95f), "sample3 middle");
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  /** A bona fide session of made-up frames (noisy gradients) with the given challenge. */
  private static SessionFolder madeUpSession(Challenge challenge, int frames, long stepMs) {
    SplittableRandom random = new SplittableRandom(7);
    List<CapturedFrame> list = new ArrayList<>();
    for (int k = 0; k < frames; k++) {
      BufferedImage image = AttackKit.decode(TestImages.gradientPng(120, 160));
      PhotoMotion.degrade(image, 0, 6, random);
      list.add(new CapturedFrame(k, k * stepMs + (k % 3), Prompt.HOLD_STILL, null, SessionVideo.jpeg(image)));
    }
    return SessionFolder.bonaFide(new Capture(challenge, list, java.util.Map.of("cameraLabel", "Front camera")), "made up");
  }

  /** The embedding of a photo's most prominent face, as the evaluations take a reference photo's. */
  private static float[] embedding(byte[] photo) {
    DecodedImage image = engine.decode(photo);
    return engine.analyseFace(image, engine.detect(image).get(0)).embedding();
  }

  @Test
  void replaySessionKeepsTheFramesAndTimestampsButAnswersAFreshChallenge() {
    Challenge old = ChallengeGenerator.draw(ChallengePolicy.standard(), new SplittableRandom(1));
    SessionFolder source = madeUpSession(old, 200, 83);

    SessionFolder replay = AttackKit.replaySession(source, "made-up", new SplittableRandom(2));

    assertThat(replay.label()).isEqualTo(SessionFolder.ATTACK);
    assertThat(replay.attackType()).isEqualTo(AttackKit.REPLAY_SESSION);
    Challenge fresh = replay.capture().challenge();
    assertThat(fresh).isNotEqualTo(old);
    List<CapturedFrame> frames = replay.capture().frames();
    assertThat(frames).isNotEmpty();
    assertThat(frames.get(frames.size() - 1).timestampMs()).isLessThan(fresh.durationMs());
    for (CapturedFrame f : frames) {
      CapturedFrame original = source.capture().frames().get(f.index());
      assertThat(f.image()).isSameAs(original.image());
      assertThat(f.timestampMs()).isEqualTo(original.timestampMs());
      assertThat(f.prompt()).isEqualTo(SessionVideo.promptAt(fresh, f.timestampMs()));
      assertThat(f.screen()).isEqualTo(SessionVideo.screenAt(fresh, f.timestampMs()));
    }
    assertThat(frames.stream().map(CapturedFrame::prompt).distinct().count())
        .as("the new challenge's later prompts are on the frames")
        .isGreaterThan(1);
  }

  @Test
  void virtualCameraTicksExactlyRepeatsFramesAndRemovesSensorNoise() {
    Challenge old = ChallengeGenerator.draw(ChallengePolicy.standard(), new SplittableRandom(3));
    SessionFolder source = madeUpSession(old, 60, 83);
    Challenge fresh = ChallengeGenerator.draw(ChallengePolicy.standard(), new SplittableRandom(4));

    SessionFolder session =
        AttackKit.virtualise(AttackKit.playedOnto(source.capture(), fresh), 12, new SplittableRandom(5), "made up");

    assertThat(session.attackType()).isEqualTo(AttackKit.VIRTUAL_CAMERA);
    assertThat(session.capture().challenge()).isEqualTo(fresh);
    assertThat(session.capture().telemetry())
        .containsEntry("cameraLabel", "OBS Virtual Camera")
        .containsEntry("maxTouchPoints", 0);
    List<CapturedFrame> frames = session.capture().frames();
    assertThat(frames).hasSize(fresh.durationMs() * 12 / 1000);
    int repeats = 0;
    for (int k = 0; k < frames.size(); k++) {
      assertThat(frames.get(k).timestampMs()).isEqualTo(Math.round(k * 1000.0 / 12));
      if (k > 0 && Arrays.equals(frames.get(k).image(), frames.get(k - 1).image())) {
        repeats++;
      }
    }
    assertThat(repeats).isBetween(1, frames.size() / 4);
    double before = AttackKit.laplacianVariance(AttackKit.decode(source.capture().frames().get(0).image()));
    double after = AttackKit.laplacianVariance(AttackKit.decode(frames.get(1).image()));
    assertThat(after).as("the re-encode removes most of the sensor noise").isLessThan(before / 3);
  }

  @Test
  void photoAttackWritesJitteredSelfieFramesOnFreshChallenges() throws Exception {
    Path photo = dir.resolve("portrait.jpg");
    Files.write(photo, TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_MIDDLE), 0.95f));
    CliHarness cli = CliHarness.withEngines(settings -> new FaceEngine(settings.withThreads(2, 1)));
    int status =
        cli.run("attack", "photo", "--photo", photo.toString(), "--out", dir.resolve("kit").toString(), "--count", "2", "--fps", "5");

    assertThat(status).isZero();
    JsonNode result = cli.json();
    assertThat(result.get("sessions")).hasSize(2);
    List<Path> folders = SessionFolder.findAll(dir.resolve("kit"));
    assertThat(folders).hasSize(2);
    SessionFolder first = SessionFolder.read(folders.get(0));
    SessionFolder second = SessionFolder.read(folders.get(1));
    assertThat(first.label()).isEqualTo(SessionFolder.ATTACK);
    assertThat(first.attackType()).isEqualTo(AttackKit.PHOTO);
    assertThat(first.reference()).isNull();
    assertThat(first.capture().challenge()).isNotEqualTo(second.capture().challenge());
    for (CapturedFrame f : first.capture().frames()) {
      assertThat(f.prompt()).isEqualTo(SessionVideo.promptAt(first.capture().challenge(), f.timestampMs()));
      assertThat(f.screen()).isEqualTo(SessionVideo.screenAt(first.capture().challenge(), f.timestampMs()));
    }
    // The hand moves the picture: the face's box wanders by a few pixels, never far.
    List<double[]> centres = new ArrayList<>();
    for (CapturedFrame f : first.capture().frames().subList(0, 20)) {
      DecodedImage image = engine.decode(f.image());
      Detection face = engine.detect(image).get(0);
      centres.add(new double[] {(face.box().x1() + face.box().x2()) / 2, (face.box().y1() + face.box().y2()) / 2});
    }
    double spreadX = centres.stream().mapToDouble(c -> c[0]).max().orElseThrow() - centres.stream().mapToDouble(c -> c[0]).min().orElseThrow();
    double spreadY = centres.stream().mapToDouble(c -> c[1]).max().orElseThrow() - centres.stream().mapToDouble(c -> c[1]).min().orElseThrow();
    assertThat(Math.max(spreadX, spreadY)).isBetween(3.0, 60.0);
  }

  @Test
  void idPhotoAsSelfieWritesThePhotoAsTheReference() {
    byte[] bytes = TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_MIDDLE), 0.95f);
    AttackKit.Source source = new AttackKit.Source("id", still, bytes, "an ID portrait");

    SessionFolder session = AttackKit.photoSession(AttackKit.ID_PHOTO_AS_SELFIE, source, 5, new SplittableRandom(9));

    assertThat(session.attackType()).isEqualTo(AttackKit.ID_PHOTO_AS_SELFIE);
    assertThat(session.reference()).isEqualTo(bytes);
    assertThat(session.capture().frames()).isNotEmpty();
    Path folder = dir.resolve("id");
    session.write(folder);
    assertThat(SessionFolder.read(folder).reference()).isEqualTo(bytes);
  }

  @Test
  void theAnalysisNamesTheIdPhotoAsTheReferencePhotoItself() {
    byte[] bytes = TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_MIDDLE), 0.95f);
    AttackKit.Source source = new AttackKit.Source("id", still, bytes, "an ID portrait");
    SessionFolder session = AttackKit.photoSession(AttackKit.ID_PHOTO_AS_SELFIE, source, 5, new SplittableRandom(9));

    float[] reference = embedding(session.reference());
    LivenessReport report = LivenessAnalyzers.withDefaults(engine).analyse(session.capture(), reference);

    CheckResult check = report.checks().stream().filter(c -> c.id().equals("reference-photo")).findFirst().orElseThrow();
    assertThat(check.reason()).as("%s", check).isEqualTo("reference-photo-as-selfie");
    assertThat((Double) check.details().get("similarity")).isGreaterThan(0.95);
    // the reference matches, so that is not what fails; the reference photo itself is named first
    assertThat(report.reasons()).doesNotContain("reference-mismatch");
    assertThat(report.reasons()).contains("reference-photo-as-selfie");
  }

  @Test
  void animatedPhotoMovesTheFaceAsTheChallengeAsksInItsOrder() {
    SessionFolder session =
        AttackKit.photoSession(
            AttackKit.ANIMATED_PHOTO,
            new AttackKit.Source("photo", still, new byte[0], "sample3"),
            6,
            new SplittableRandom(11));
    Challenge challenge = session.capture().challenge();
    List<CapturedFrame> frames = session.capture().frames();
    double[][] nose = new double[frames.size()][];
    double[] eyes = new double[frames.size()];
    for (int k = 0; k < frames.size(); k++) {
      DecodedImage image = engine.decode(frames.get(k).image());
      List<Detection> faces = engine.detect(image);
      if (faces.isEmpty()) {
        continue;
      }
      float[] lm = engine.landmarks(image, faces.get(0).box());
      nose[k] = new double[] {lm[60], lm[61]};
      var open = engine.eyes(image, lm);
      eyes[k] = (open.leftOpenProbability() + open.rightOpenProbability()) / 2;
    }
    double baseX = median(frames, nose, Prompt.HOLD_STILL, 0);
    double baseY = median(frames, nose, Prompt.HOLD_STILL, 1);
    double baseEyes = 0;
    int held = 0;
    for (int k = 0; k < frames.size(); k++) {
      if (frames.get(k).prompt() == Prompt.HOLD_STILL && nose[k] != null) {
        baseEyes += eyes[k];
        held++;
      }
    }
    baseEyes /= held;
    for (PromptStep step : challenge.prompts()) {
      Prompt p = step.prompt();
      if (p.isMovement()) {
        // The nose goes the way the applicant's head would: their left is the image's right.
        double best = 0;
        for (int k = 0; k < frames.size(); k++) {
          if (frames.get(k).prompt() == p && nose[k] != null) {
            double move =
                switch (p) {
                  case TURN_LEFT -> nose[k][0] - baseX;
                  case TURN_RIGHT -> baseX - nose[k][0];
                  case LOOK_UP -> baseY - nose[k][1];
                  default -> nose[k][1] - baseY;
                };
            best = Math.max(best, move);
          }
        }
        assertThat(best).as("%s moves the nose in its own window", p).isGreaterThan(10);
      } else if (p == Prompt.BLINK) {
        double least = 1;
        for (int k = 0; k < frames.size(); k++) {
          if (frames.get(k).prompt() == p && nose[k] != null) {
            least = Math.min(least, eyes[k]);
          }
        }
        assertThat(least).as("the warped blink closes the eyes (held open: %s)", baseEyes).isLessThan(baseEyes - 0.3);
      }
    }
  }

  @Test
  void animatedPhotoTurnsNodsAndBlinksAsThePoseAndEyeModelsSeeThem() {
    double[] neutral = poseOf(PhotoMotion.Pose.NEUTRAL);
    // Pose model conventions: yaw grows as the nose goes to the image's left (the applicant's
    // right), pitch grows as they look up; the movement detector's angle is 15 degrees.
    double[] left = poseOf(new PhotoMotion.Pose(30, 0, 0));
    double[] right = poseOf(new PhotoMotion.Pose(-30, 0, 0));
    double[] up = poseOf(new PhotoMotion.Pose(0, 25, 0));
    double[] down = poseOf(new PhotoMotion.Pose(0, -25, 0));
    assertThat(neutral[0] - left[0]).as("turn left: yaw %s from %s", left[0], neutral[0]).isGreaterThan(15);
    assertThat(right[0] - neutral[0]).as("turn right: yaw %s from %s", right[0], neutral[0]).isGreaterThan(15);
    assertThat(up[1] - neutral[1]).as("look up: pitch %s from %s", up[1], neutral[1]).isGreaterThan(15);
    assertThat(neutral[1] - down[1]).as("look down: pitch %s from %s", down[1], neutral[1]).isGreaterThan(15);
    assertThat(neutral[2]).as("eyes open at rest").isGreaterThan(0.6);
    assertThat(poseOf(new PhotoMotion.Pose(0, 0, 1))[2]).as("eyes shut mid-blink").isLessThan(0.35);
  }

  /** The engine's yaw, pitch and mean eye-open probability on the still rendered at one pose. */
  private static double[] poseOf(PhotoMotion.Pose pose) {
    DecodedImage image = engine.decode(SessionVideo.jpeg(PhotoMotion.render(still, pose, PhotoMotion.Shake.NONE)));
    Detection face = engine.detect(image).get(0);
    var head = engine.pose(image, face.box());
    var open = engine.eyes(image, engine.landmarks(image, face.box()));
    return new double[] {head.yaw(), head.pitch(), (open.leftOpenProbability() + open.rightOpenProbability()) / 2};
  }

  private static double median(List<CapturedFrame> frames, double[][] points, Prompt prompt, int axis) {
    double[] values =
        java.util.stream.IntStream.range(0, frames.size())
            .filter(k -> frames.get(k).prompt() == prompt && points[k] != null)
            .mapToDouble(k -> points[k][axis])
            .sorted()
            .toArray();
    return values[values.length / 2];
  }
}
