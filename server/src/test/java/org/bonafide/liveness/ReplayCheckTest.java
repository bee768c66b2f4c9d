package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;

class ReplayCheckTest {
  private final ReplayCheck.Settings settings = ReplayCheck.Settings.defaults();

  @Test
  void aFrameReEncodedOrRescaledKeepsItsFingerprintAndAnotherFrameDoesNot() {
    BufferedImage face = TestImages.crop(TestImages.SAMPLE1_MIDDLE);
    FrameFingerprint original = FrameFingerprint.of(0, TestImages.jpeg(face, 0.95f));
    FrameFingerprint reEncoded = FrameFingerprint.of(0, TestImages.jpeg(face, 0.5f));
    FrameFingerprint rescaled = FrameFingerprint.of(0, TestImages.jpeg(TestImages.scaled(face, 0.6), 0.8f));
    FrameFingerprint other = FrameFingerprint.of(0, TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_LEFT), 0.95f));

    assertThat(original.fineDistance(reEncoded.fine())).isLessThanOrEqualTo(settings.maxFineDistance());
    assertThat(original.fineDistance(rescaled.fine())).isLessThanOrEqualTo(settings.maxFineDistance());
    assertThat(original.fineDistance(other.fine())).isGreaterThan(3 * settings.maxFineDistance());
    assertThat(original.coarseDistance(reEncoded.coarse())).isLessThanOrEqualTo(3);
  }

  @Test
  void aFacePastedOntoOtherSurroundingsIsFoundByItsFaceAndNotByTheFrame() {
    BufferedImage face = TestImages.scaled(TestImages.crop(TestImages.SAMPLE1_MIDDLE), 0.5);
    BufferedImage first = TestImages.gradient(480, 360);
    BufferedImage second = TestImages.read(TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_LEFT), 0.9f));
    second = TestImages.scaled(second, 480.0 / second.getWidth());
    java.awt.Graphics2D g = first.createGraphics();
    g.drawImage(face, 40, 60, null);
    g.dispose();
    g = second.createGraphics();
    g.drawImage(face, 200, 100, null);
    g.dispose();
    org.bonafide.biometrics.FaceBox atFirst = new org.bonafide.biometrics.FaceBox(40, 60, 40 + face.getWidth(), 60 + face.getHeight());
    org.bonafide.biometrics.FaceBox atSecond =
        new org.bonafide.biometrics.FaceBox(200, 100, 200 + face.getWidth(), 100 + face.getHeight());

    FrameFingerprint firstFrame = FrameFingerprint.of(0, TestImages.jpeg(first, 0.9f));
    FrameFingerprint secondFrame = FrameFingerprint.of(0, TestImages.jpeg(second, 0.6f));
    assertThat(firstFrame.fineDistance(secondFrame.fine())).isGreaterThan(settings.maxFineDistance());

    FrameFingerprint firstFace = FrameFingerprint.ofFace(0, TestImages.read(TestImages.jpeg(first, 0.9f)), atFirst);
    FrameFingerprint secondFace = FrameFingerprint.ofFace(0, TestImages.read(TestImages.jpeg(second, 0.6f)), atSecond);
    FrameFingerprint otherFace =
        FrameFingerprint.ofFace(0, second, new org.bonafide.biometrics.FaceBox(0, 0, face.getWidth(), face.getHeight()));
    assertThat(firstFace.fineDistance(secondFace.fine())).isLessThanOrEqualTo(settings.maxFaceDistance());
    assertThat(firstFace.fineDistance(otherFace.fine())).isGreaterThan(settings.maxFineDistance());
    // a box too small to hash has no fingerprint
    assertThat(FrameFingerprint.ofFace(0, first, new org.bonafide.biometrics.FaceBox(5, 5, 12, 12))).isNull();
  }

  @Test
  void faceAndFrameSightingsOfOneFrameCountOnce() {
    UUID earlier = UUID.randomUUID();
    List<ReplayCheck.Sighting> sightings = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sightings.add(new ReplayCheck.Sighting(i, earlier, earlier, true, Instant.EPOCH, 3, false));
      sightings.add(new ReplayCheck.Sighting(i, earlier, earlier, true, Instant.EPOCH, 9, true));
    }
    sightings.add(new ReplayCheck.Sighting(30, earlier, earlier, true, Instant.EPOCH, 9, true));
    CheckResult result = ReplayCheck.evaluate(40, sightings, settings);
    assertThat(result.details())
        .containsEntry("matchedFrames", 21)
        .containsEntry("matchedWholeFrames", 20)
        .containsEntry("matchedFaces", 21);
    assertThat(result.reason()).isEqualTo("media-seen-before");
  }

  @Test
  void aDecodedFrameHasTheFingerprintOfItsBytes() {
    try (org.bonafide.biometrics.FaceEngine engine =
        new org.bonafide.biometrics.FaceEngine(org.bonafide.biometrics.FaceEngineSettings.defaults().withThreads(1, 1))) {
      for (byte[] jpeg :
        List.of(
            TestImages.jpeg(TestImages.crop(TestImages.SAMPLE1_MIDDLE), 0.9f),
            TestImages.jpeg(TestImages.scaled(TestImages.crop(TestImages.SAMPLE3_LEFT), 1.3), 0.6f),
            TestImages.jpeg(TestImages.gradient(640, 480), 0.85f),
            TestImages.jpeg(TestImages.gradient(480, 640), 0.85f))) {
        FrameFingerprint fromBytes = FrameFingerprint.of(3, jpeg);
        FrameFingerprint fromPixels = FrameFingerprint.ofImage(3, engine.decode(jpeg).pixels());
        assertThat(fromPixels.coarse()).isEqualTo(fromBytes.coarse());
        assertThat(fromPixels.fine()).containsExactly(fromBytes.fine());
      }
    }
  }

  @Test
  void aNearlyUniformFrameHasNoFingerprint() {
    BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
    assertThat(FrameFingerprint.of(0, TestImages.jpeg(grey, 0.9f))).isNull();
    assertThat(FrameFingerprint.of(0, "not an image".getBytes())).isNull();
  }

  @Test
  void bandsSplitTheCoarseHashIntoFourIndexableParts() {
    FrameFingerprint f = new FrameFingerprint(0, 0x0123_4567_89ab_cdefL, new long[4]);
    assertThat(List.of(f.band(0), f.band(1), f.band(2), f.band(3))).containsExactly(0xcdef, 0x89ab, 0x4567, 0x0123);
  }

  @Test
  void manyFramesSeenBeforeAreAReplayAndAFewAreNot() {
    UUID earlier = UUID.randomUUID();
    UUID otherInstitution = UUID.randomUUID();
    List<ReplayCheck.Sighting> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(new ReplayCheck.Sighting(i, earlier, otherInstitution, false, Instant.EPOCH, 3));
    }
    CheckResult replayed = ReplayCheck.evaluate(50, many, settings);
    assertThat(replayed.passed()).isFalse();
    assertThat(replayed.reason()).isEqualTo("media-seen-before");
    assertThat(replayed.details()).containsEntry("otherInstitutions", 1).containsEntry("matchedFrames", 40);
    // another institution's session is counted, never named
    assertThat(replayed.details().toString()).doesNotContain(earlier.toString()).doesNotContain(otherInstitution.toString());

    CheckResult few = ReplayCheck.evaluate(150, many.subList(0, 5), settings);
    assertThat(few.passed()).isTrue();
    assertThat(ReplayCheck.evaluate(150, List.of(), settings).passed()).isTrue();
  }

  @Test
  void ownEarlierSessionsAreNamed() {
    UUID earlier = UUID.randomUUID();
    List<ReplayCheck.Sighting> own = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      own.add(new ReplayCheck.Sighting(i, earlier, UUID.randomUUID(), true, Instant.EPOCH, 0));
    }
    CheckResult result = ReplayCheck.evaluate(20, own, settings);
    assertThat(result.passed()).isFalse();
    assertThat(result.details().get("earlierSessionsOfThisInstitution")).isEqualTo(List.of(earlier.toString()));
  }

  @Test
  void aReplayCheckAddedToAPassedReportFailsIt() {
    LivenessReport passed = new LivenessReport(Outcome.PASSED, List.of(), List.of(), List.of(), 10, 5);
    CheckResult replay =
        new CheckResult(ReplayCheck.ID, false, 0.1, "media-seen-before", List.of(1, 2), java.util.Map.of());
    LivenessReport combined = passed.withCheck(replay);
    assertThat(combined.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(combined.reasons()).containsExactly("media-seen-before");
    assertThat(combined.checks()).hasSize(1);
    LivenessReport retry = new LivenessReport(Outcome.RETRY, List.of("no-face"), List.of(), List.of(), 10, 5);
    assertThat(retry.withCheck(replay).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(retry.withCheck(replay).reasons()).containsExactly("media-seen-before", "no-face");
  }

  @Test
  void aCheckAddedAfterTheAnalysisKeepsTheStageTimesAndAddsItsOwn() {
    java.util.Map<String, Double> stages = new java.util.LinkedHashMap<>();
    stages.put("measure", 40.0);
    stages.put("quality", 2.0);
    stages.put("evidence", 3.0);
    LivenessReport analysed = new LivenessReport(Outcome.PASSED, List.of(), List.of(), List.of(), 10, 45, stages, MediaFingerprints.NONE);
    CheckResult replay = new CheckResult(ReplayCheck.ID, true, 1.0, null, List.of(), java.util.Map.of());
    LivenessReport combined = analysed.withCheck(replay).withStage(ReplayCheck.ID, 1.5);
    assertThat(combined.stageMs()).containsExactly(
        java.util.Map.entry("measure", 40.0),
        java.util.Map.entry("quality", 2.0),
        java.util.Map.entry("evidence", 3.0),
        java.util.Map.entry(ReplayCheck.ID, 1.5));
    assertThat(combined.withStage(ReplayCheck.ID, 0.5).stageMs().get(ReplayCheck.ID)).isEqualTo(2.0);
    assertThat(analysed.stageMs()).doesNotContainKey(ReplayCheck.ID);
  }
}
