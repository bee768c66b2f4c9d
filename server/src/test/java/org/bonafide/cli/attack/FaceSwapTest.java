package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.liveness.Capture;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.session.ChallengeGenerator;
import org.bonafide.session.ChallengePolicy;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The face swap puts A's face on B's geometry: B's landmarks, A's identity. */
class FaceSwapTest {
  private static FaceEngine engine;
  private static AttackKit.Source a;
  private static PhotoMotion.Still b;

  @BeforeAll
  static void loadEngine() {
    engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(2, 1));
    byte[] aBytes = TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_MIDDLE), 0.95f);
    a = new AttackKit.Source("a", AttackKit.still(engine, aBytes, "sample3 middle"), aBytes, "sample3 middle");
    b = AttackKit.still(engine, TestImages.jpeg(TestImages.crop(TestImages.SAMPLE1_MIDDLE), 0.95f), "sample1 middle");
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  private static float[] embedding(DecodedImage image) {
    Detection face = engine.detect(image).get(0);
    return engine.embed(image, engine.landmarks(image, face.box()));
  }

  @Test
  void swappedFaceKeepsBsGeometryAndShowsAsIdentity() {
    BufferedImage frame = PhotoMotion.render(b, new PhotoMotion.Pose(-20, 0, 0), PhotoMotion.Shake.NONE);
    DecodedImage before = engine.decode(SessionVideo.jpeg(frame));
    Detection bFace = engine.detect(before).get(0);
    float[] bLandmarks = engine.landmarks(before, bFace.box());
    float[] bEmbedding = engine.embed(before, bLandmarks);
    float[] aEmbedding = engine.embed(engine.decode(a.bytes()), a.still().landmarks());

    FaceSwap.swap(frame, bLandmarks, a.still());

    DecodedImage after = engine.decode(SessionVideo.jpeg(frame));
    List<Detection> faces = engine.detect(after);
    assertThat(faces).isNotEmpty();
    float[] lm = engine.landmarks(after, faces.get(0).box());
    double error = 0;
    for (int i = 0; i < 68; i++) {
      error += Math.hypot(lm[2 * i] - bLandmarks[2 * i], lm[2 * i + 1] - bLandmarks[2 * i + 1]);
    }
    assertThat(error / 68).as("mean landmark distance from B's").isLessThan(0.04 * bFace.box().height());
    float[] swapped = engine.embed(after, lm);
    double toA = FaceEngine.similarity(swapped, aEmbedding);
    double toB = FaceEngine.similarity(swapped, bEmbedding);
    assertThat(toA).as("similarity to A (to B: %s)", toB).isGreaterThan(toB + 0.2);
  }

  @Test
  void swapSessionKeepsBsChallengeTimingAndTelemetry() {
    Challenge challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), new java.util.SplittableRandom(5));
    List<CapturedFrame> frames = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      BufferedImage image = PhotoMotion.render(b, new PhotoMotion.Pose(8 * k, 0, 0), PhotoMotion.Shake.NONE);
      frames.add(new CapturedFrame(k, 100L * k + 7, challenge.prompts().get(0).prompt(), k == 1 ? "#ff0000" : null, SessionVideo.jpeg(image)));
    }
    frames.add(new CapturedFrame(4, 520, null, null, TestImages.gradientPng(120, 160)));
    Map<String, Object> telemetry = Map.of("cameraLabel", "Front camera", "maxTouchPoints", 5);
    SessionFolder source = SessionFolder.bonaFide(new Capture(challenge, frames, telemetry), "made up");

    SessionFolder swapped = FaceSwap.swapSession(engine, source, "made-up", a);

    assertThat(swapped.label()).isEqualTo(SessionFolder.ATTACK);
    assertThat(swapped.attackType()).isEqualTo(FaceSwap.KIND);
    assertThat(swapped.capture().challenge()).isEqualTo(challenge);
    assertThat(swapped.capture().telemetry()).isEqualTo(telemetry);
    assertThat(swapped.reference()).isEqualTo(a.bytes());
    List<CapturedFrame> out = swapped.capture().frames();
    assertThat(out).hasSize(frames.size());
    for (int k = 0; k < frames.size(); k++) {
      assertThat(out.get(k).timestampMs()).isEqualTo(frames.get(k).timestampMs());
      assertThat(out.get(k).prompt()).isEqualTo(frames.get(k).prompt());
      assertThat(out.get(k).screen()).isEqualTo(frames.get(k).screen());
    }
    assertThat(out.get(0).image()).as("a frame with a face is swapped").isNotEqualTo(frames.get(0).image());
    assertThat(out.get(4).image()).as("a frame without a face passes through").isEqualTo(frames.get(4).image());
  }
}
