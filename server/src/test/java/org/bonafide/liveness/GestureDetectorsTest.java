package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bonafide.liveness.SyntheticCapture.start;

import org.junit.jupiter.api.Test;

/** Blink, hand sweep, face presence, identity and passive attack checks on made-up series. */
class GestureDetectorsTest {
  private static final Challenge CHALLENGE =
      SyntheticCapture.challenge(Prompt.TURN_RIGHT, Prompt.BLINK, Prompt.HAND_SWEEP, Prompt.LOOK_DOWN);
  private static final long BLINK = start(CHALLENGE, Prompt.BLINK);
  private static final long SWEEP = start(CHALLENGE, Prompt.HAND_SWEEP);

  @Test
  void eyesClosingAndOpeningInTheBlinkWindowIsABlink() {
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .eyes(t -> t >= BLINK + 700 && t < BLINK + 950 ? 0.05 : 0.93)
            .build(null);
    CheckResult result = new BlinkDetector(BlinkDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat(result.frames()).hasSize(3);
  }

  @Test
  void eyesThatStayOpenAreNoBlink() {
    CheckResult result = new BlinkDetector(BlinkDetector.Settings.defaults()).evaluate(new SyntheticCapture(CHALLENGE).build(null));
    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).isEqualTo("blink-not-seen");
  }

  @Test
  void aBlinkOutsideItsWindowDoesNotCount() {
    long holdStill = start(CHALLENGE, Prompt.HOLD_STILL);
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .eyes(t -> t >= holdStill + 700 && t < holdStill + 950 ? 0.05 : 0.93)
            .build(null);
    assertThat(new BlinkDetector(BlinkDetector.Settings.defaults()).evaluate(capture).reason()).isEqualTo("blink-not-seen");
  }

  @Test
  void aFaceLostBrieflyInTheSweepWindowThenClearIsAHandSweep() {
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE).faces(t -> t >= SWEEP + 800 && t < SWEEP + 1100 ? 0 : 1).build(null);
    CheckResult result = new HandSweepDetector(HandSweepDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat(result.details()).containsEntry("coveredBy", "face-lost");
  }

  @Test
  void aPartlyCoveredFaceLowersItsIdentityAndCountsAsSwept() {
    float[] covered = new float[512];
    covered[0] = 0.3f;
    covered[5] = (float) Math.sqrt(1 - 0.09);
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .embedding(t -> t >= SWEEP + 800 && t < SWEEP + 1100 ? covered : SyntheticCapture.PERSON)
            .build(null);
    CheckResult result = new HandSweepDetector(HandSweepDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat(result.details()).containsEntry("coveredBy", "identity-drop");
    // the covered frames are not taken for another person
    assertThat(new SamePersonDetector(SamePersonDetector.Settings.defaults()).evaluate(capture).passed()).isTrue();
  }

  @Test
  void aHandTheHandModelSeesOverTheFaceCountsAsCoveredWhileTheFaceIsStillFound() {
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .meshYaw(t -> 0)
            .hand(t -> t >= SWEEP + 800 && t < SWEEP + 1100 ? new HandReading(0.9f, 0.6, 0.5) : null)
            // one frame of the sweep hides the face enough to lower its score: a real hand
            .detectionScore(t -> t >= SWEEP + 880 && t < SWEEP + 960 ? 0.6 : 0.98)
            .build(null);
    CheckResult result = new HandSweepDetector(HandSweepDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat(result.details()).containsEntry("coveredBy", "hand-seen");
  }

  @Test
  void aFaceThatStaysWholeUnderTheHandIsPaintedOverIt() {
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .meshYaw(t -> 0)
            .hand(t -> t >= SWEEP + 800 && t < SWEEP + 1100 ? new HandReading(0.9f, 0.8, 0.1) : null)
            .build(null);
    CheckResult result = new HandSweepDetector(HandSweepDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).isEqualTo("face-over-hand");
    assertThat(LivenessReason.FACE_OVER_HAND.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void aFaceHiddenByTheHandInOneFrameIsNotPaintedOver() {
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .meshYaw(t -> 0)
            .hand(t -> t >= SWEEP + 800 && t < SWEEP + 1100 ? new HandReading(0.9f, 0.8, 0.1) : null)
            .meshConfidence(t -> t >= SWEEP + 880 && t < SWEEP + 960 ? 0.4 : 0.99)
            .build(null);
    CheckResult result = new HandSweepDetector(HandSweepDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.passed()).as("%s", result).isTrue();
  }

  @Test
  void aHalfClosedLidCaughtInOneFrameIsABlinkByTheMesh() {
    long blink = BLINK + 900;
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .meshYaw(t -> 0)
            // the eye model still calls the eyes open; the mesh's lids show half closed in one frame
            .eyes(t -> 0.9)
            .meshEyes(t -> t >= blink && t < blink + SyntheticCapture.STEP_MS ? 0.17 : 0.3)
            .build(null);
    CheckResult result = new BlinkDetector(BlinkDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat(result.details()).containsEntry("seenBy", "mesh-eyelids");
  }

  @Test
  void lidsThatStayDownAreNotABlink() {
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .meshYaw(t -> 0)
            .eyes(t -> 0.9)
            .meshEyes(t -> t >= BLINK + 300 && t < BLINK + 1500 ? 0.1 : 0.3)
            .build(null);
    assertThat(new BlinkDetector(BlinkDetector.Settings.defaults()).evaluate(capture).reason()).isEqualTo("blink-not-seen");
  }

  @Test
  void anUncoveredFaceIsNoHandSweep() {
    CheckResult result =
        new HandSweepDetector(HandSweepDetector.Settings.defaults()).evaluate(new SyntheticCapture(CHALLENGE).build(null));
    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).isEqualTo("hand-sweep-not-seen");
  }

  @Test
  void aFaceThatNeverComesBackIsNoHandSweep() {
    CaptureMeasurements capture = new SyntheticCapture(CHALLENGE).faces(t -> t >= SWEEP + 800 ? 0 : 1).build(null);
    assertThat(new HandSweepDetector(HandSweepDetector.Settings.defaults()).evaluate(capture).reason())
        .isEqualTo("hand-sweep-not-seen");
  }

  @Test
  void aSecondFaceInManyFramesFails() {
    CaptureMeasurements capture = new SyntheticCapture(CHALLENGE).faces(t -> t > 4000 && t < 7000 ? 2 : 1).build(null);
    CheckResult result = new FacePresenceDetector(FacePresenceDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.reason()).isEqualTo("multiple-faces");
    assertThat(LivenessReason.MULTIPLE_FACES.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void noFaceInManyFramesAsksForARetry() {
    CaptureMeasurements capture = new SyntheticCapture(CHALLENGE).faces(t -> t > 4000 && t < 7000 ? 0 : 1).build(null);
    CheckResult result = new FacePresenceDetector(FacePresenceDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.reason()).isEqualTo("no-face");
    assertThat(LivenessReason.NO_FACE.outcome()).isEqualTo(Outcome.RETRY);
  }

  @Test
  void oneFaceThroughoutPasses() {
    CheckResult result =
        new FacePresenceDetector(FacePresenceDetector.Settings.defaults()).evaluate(new SyntheticCapture(CHALLENGE).build(null));
    assertThat(result.passed()).isTrue();
  }

  @Test
  void anotherPersonHalfwayThroughIsADifferentPerson() {
    CaptureMeasurements capture =
        new SyntheticCapture(CHALLENGE)
            .embedding(t -> t > 6000 ? SyntheticCapture.SOMEONE_ELSE : SyntheticCapture.PERSON)
            .build(null);
    CheckResult result = new SamePersonDetector(SamePersonDetector.Settings.defaults()).evaluate(capture);
    assertThat(result.reason()).isEqualTo("different-person");
    assertThat(result.frames()).isNotEmpty();
  }

  @Test
  void theReferenceMustMatchAtTheEnginesThreshold() {
    ReferenceMatchDetector detector = new ReferenceMatchDetector(ReferenceMatchDetector.Settings.defaults());
    assertThat(detector.appliesTo(new SyntheticCapture(CHALLENGE).build(null))).isFalse();
    assertThat(detector.evaluate(new SyntheticCapture(CHALLENGE).build(SyntheticCapture.PERSON)).passed()).isTrue();
    CheckResult other = detector.evaluate(new SyntheticCapture(CHALLENGE).build(SyntheticCapture.SOMEONE_ELSE));
    assertThat(other.reason()).isEqualTo("reference-mismatch");
  }

  @Test
  void aFaceThatSmearsOrFlickersUnderTheHandIsReportedAndFailsOnlyWhenEnforced() {
    HandSweepResponseDetector reportOnly = new HandSweepResponseDetector(HandSweepResponseDetector.Settings.defaults());
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    boolean[] flicker = {false};
    SyntheticCapture steady =
        new SyntheticCapture(CHALLENGE).landmarks(t -> face(random, t >= SWEEP && t < SWEEP + 3100 && flicker[0] ? 0.2 : 0.005));
    CheckResult real = reportOnly.evaluate(steady.build(null));
    assertThat(real.passed()).isTrue();
    assertThat(real.details().get("signals")).isEqualTo(java.util.List.of());
    assertThat((Double) real.details().get("jitterRatio")).isLessThan(2.0);

    flicker[0] = true;
    CaptureMeasurements swapped =
        steady.sharpness(t -> t >= SWEEP && t < SWEEP + 3100 ? 20 : 100).build(null);
    CheckResult reported = reportOnly.evaluate(swapped);
    assertThat(reported.passed()).as("report-only").isTrue();
    assertThat(reported.details().get("signals")).isEqualTo(java.util.List.of("smear", "flicker"));
    assertThat((Double) reported.details().get("sharpnessRatio")).isEqualTo(0.2);
    assertThat(reported.score()).isLessThan(real.score());

    HandSweepResponseDetector.Settings enforcing =
        DetectorSettings.bind(
            HandSweepResponseDetector.Settings.class, java.util.Map.of("bonafide.detectors.hand-sweep-response.enforce", "true"));
    CheckResult failed = new HandSweepResponseDetector(enforcing).evaluate(swapped);
    assertThat(failed.reason()).isEqualTo("hand-sweep-artefacts");
    assertThat(reportOnly.appliesTo(new SyntheticCapture(SyntheticCapture.challenge(Prompt.BLINK)).build(null))).isFalse();
  }

  /** 68 landmarks on an ellipse around (300, 260), each moved by up to {@code noise} of its size at random. */
  private static float[] face(java.util.SplittableRandom random, double noise) {
    float[] points = new float[136];
    for (int i = 0; i < 68; i++) {
      double angle = 2 * Math.PI * i / 68;
      points[2 * i] = (float) (300 + 80 * Math.cos(angle) + (random.nextDouble() - 0.5) * 160 * noise);
      points[2 * i + 1] = (float) (260 + 100 * Math.sin(angle) + (random.nextDouble() - 0.5) * 200 * noise);
    }
    return points;
  }

  @Test
  void aCaptureAsAlikeAsTheReferencePhotoItselfIsThatPhoto() {
    ReferencePhotoDetector detector = new ReferencePhotoDetector(ReferencePhotoDetector.Settings.defaults());
    assertThat(detector.appliesTo(new SyntheticCapture(CHALLENGE).build(null))).isFalse();
    // another photo of the same person: similar (0.85), not identical
    CheckResult anotherPhoto = detector.evaluate(new SyntheticCapture(CHALLENGE).build(atCosine(0.85)));
    assertThat(anotherPhoto.passed()).as("%s", anotherPhoto).isTrue();
    assertThat(anotherPhoto.details().get("similarity")).isEqualTo(0.85);
    // the photo itself, re-captured: 0.97
    CheckResult samePhoto = detector.evaluate(new SyntheticCapture(CHALLENGE).build(atCosine(0.97)));
    assertThat(samePhoto.reason()).isEqualTo("reference-photo-as-selfie");
    assertThat(samePhoto.frames()).isNotEmpty();
    assertThat(samePhoto.score()).isLessThan(anotherPhoto.score());
  }

  /** A unit vector at this cosine similarity to {@link SyntheticCapture#PERSON}. */
  private static float[] atCosine(double cosine) {
    float[] v = new float[SyntheticCapture.PERSON.length];
    v[0] = (float) cosine;
    v[1] = (float) Math.sqrt(1 - cosine * cosine);
    return v;
  }

  @Test
  void aHighMedianAttackScoreIsAPresentationAttack() {
    PassiveAttackDetector detector = new PassiveAttackDetector(PassiveAttackDetector.Settings.defaults());
    assertThat(detector.evaluate(new SyntheticCapture(CHALLENGE).attackScore(0.3).build(null)).passed()).isTrue();
    assertThat(detector.evaluate(new SyntheticCapture(CHALLENGE).attackScore(0.99).build(null)).reason())
        .isEqualTo("presentation-attack");
  }
}
