package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bonafide.liveness.SyntheticCapture.bump;
import static org.bonafide.liveness.SyntheticCapture.start;

import org.junit.jupiter.api.Test;

/**
 * Movement check on made-up yaw and pitch series. The applicant's own left is the image's right
 * (frames are not mirrored), where the pose model's yaw goes negative ({@link
 * PoseSignConventionTest}); looking up raises pitch.
 */
class MovementDetectorTest {
  private final MovementDetector detector = new MovementDetector(MovementDetector.Settings.defaults());

  private static final Challenge LEFT_THEN_UP = SyntheticCapture.challenge(Prompt.TURN_LEFT, Prompt.BLINK, Prompt.LOOK_UP);
  private static final long LEFT = start(LEFT_THEN_UP, Prompt.TURN_LEFT);
  private static final long UP = start(LEFT_THEN_UP, Prompt.LOOK_UP);

  private CheckResult run(SyntheticCapture capture) {
    return detector.evaluate(capture.build(null));
  }

  @Test
  void passesATurnToTheApplicantsLeftAndBackThenALookUp() {
    CheckResult result =
        run(new SyntheticCapture(LEFT_THEN_UP)
            .yaw(t -> 3 + bump(t, LEFT + 400, LEFT + 1800, -28))
            .pitch(t -> -5 + bump(t, UP + 500, UP + 1900, 24)));
    assertThat(result.passed()).as("%s", result).isTrue();
    assertThat(result.reason()).isNull();
    assertThat(result.frames()).hasSize(6);
    assertThat(result.score()).isEqualTo(1.0);
  }

  @Test
  void turningToTheApplicantsRightWhenAskedLeftIsTheWrongDirection() {
    CheckResult result =
        run(new SyntheticCapture(LEFT_THEN_UP)
            .yaw(t -> bump(t, LEFT + 400, LEFT + 1800, 28))
            .pitch(t -> -5 + bump(t, UP + 500, UP + 1900, 24)));
    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).isEqualTo("movement-wrong-direction");
  }

  @Test
  void movementsInSwappedOrderAreTheWrongOrder() {
    CheckResult result =
        run(new SyntheticCapture(LEFT_THEN_UP)
            .pitch(t -> -5 + bump(t, LEFT + 400, LEFT + 1800, 24))
            .yaw(t -> bump(t, UP + 500, UP + 1900, -28)));
    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).isEqualTo("movement-wrong-order");
  }

  @Test
  void aStillHeadIsMovementNotSeen() {
    CheckResult result = run(new SyntheticCapture(LEFT_THEN_UP).yaw(t -> 2 * Math.sin(t / 300.0)));
    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).isEqualTo("movement-not-seen");
  }

  @Test
  void aTurnBelowTheAngleIsNotSeen() {
    CheckResult result =
        run(new SyntheticCapture(LEFT_THEN_UP)
            .yaw(t -> bump(t, LEFT + 400, LEFT + 1800, -10))
            .pitch(t -> -5 + bump(t, UP + 500, UP + 1900, 24)));
    assertThat(result.reason()).isEqualTo("movement-not-seen");
  }

  @Test
  void aTurnCaughtInASingleFrameIsTooFast() {
    long peak = LEFT + 1000; // on a frame (every 80 ms)
    CheckResult result =
        run(new SyntheticCapture(LEFT_THEN_UP)
            .yaw(t -> t == peak ? -30 : 0)
            .pitch(t -> -5 + bump(t, UP + 500, UP + 1900, 24)));
    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).isEqualTo("movement-too-fast");
    assertThat(LivenessReason.fromCode(result.reason()).outcome()).isEqualTo(Outcome.RETRY);
  }

  @Test
  void aTurnThatNeverComesBackIsIncomplete() {
    CheckResult result =
        run(new SyntheticCapture(LEFT_THEN_UP)
            .yaw(t -> t > LEFT + 500 ? -25 : 0)
            .pitch(t -> -5 + bump(t, UP + 500, UP + 1900, 24)));
    assertThat(result.reason()).isEqualTo("movement-incomplete");
  }

  @Test
  void anglesCountFromTheHoldStillPoseNotFromZero() {
    // a camera above the screen: the applicant looks down 15 degrees at rest; a 24 degree look up
    // from there is still a look up, and the resting pose alone is no look down
    Challenge downThenLeft = SyntheticCapture.challenge(Prompt.LOOK_DOWN, Prompt.TURN_LEFT);
    long down = start(downThenLeft, Prompt.LOOK_DOWN);
    long left = start(downThenLeft, Prompt.TURN_LEFT);
    CheckResult result =
        detector.evaluate(
            new SyntheticCapture(downThenLeft)
                .pitch(t -> -15 + bump(t, down + 400, down + 1800, -20))
                .yaw(t -> bump(t, left + 400, left + 1800, -20))
                .build(null));
    assertThat(result.passed()).as("%s", result).isTrue();
  }
}
