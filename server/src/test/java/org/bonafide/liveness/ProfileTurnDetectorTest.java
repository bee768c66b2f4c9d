package org.bonafide.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bonafide.liveness.SyntheticCapture.bump;
import static org.bonafide.liveness.SyntheticCapture.start;

import org.junit.jupiter.api.Test;

/** The profile turn on made-up series of mesh yaw, identity and mesh confidence. */
class ProfileTurnDetectorTest {
  private static final Challenge CHALLENGE = SyntheticCapture.challenge(Prompt.TURN_LEFT, Prompt.PROFILE_RIGHT);
  private static final long PROFILE = start(CHALLENGE, Prompt.PROFILE_RIGHT);

  private CheckResult evaluate(SyntheticCapture capture) {
    return new ProfileTurnDetector(ProfileTurnDetector.Settings.defaults()).evaluate(capture.build(null));
  }

  @Test
  void aTurnToAProfileAndBackPasses() {
    CheckResult result =
        evaluate(new SyntheticCapture(CHALLENGE)
            .meshYaw(t -> bump(t, PROFILE + 200, PROFILE + 2200, 75))
            // the detector loses the face beyond about 55 degrees; the mesh follows it
            .faces(t -> Math.abs(bump(t, PROFILE + 200, PROFILE + 2200, 75)) > 55 ? 0 : 1));
    assertThat(result.passed()).as("%s", result).isTrue();
  }

  @Test
  void anOrdinaryTurnIsNotAProfile() {
    CheckResult result = evaluate(new SyntheticCapture(CHALLENGE).meshYaw(t -> bump(t, PROFILE + 200, PROFILE + 2200, 35)));
    assertThat(result.passed()).isFalse();
    assertThat(result.reason()).isEqualTo("profile-turn-not-seen");
  }

  @Test
  void aTurnToTheOtherSideIsNotTheRequestedProfile() {
    CheckResult result = evaluate(new SyntheticCapture(CHALLENGE).meshYaw(t -> bump(t, PROFILE + 200, PROFILE + 2200, -75)));
    assertThat(result.reason()).isEqualTo("profile-turn-not-seen");
  }

  @Test
  void aFaceThatBecomesSomeoneElseThroughTheTurnFails() {
    CheckResult result =
        evaluate(new SyntheticCapture(CHALLENGE)
            .meshYaw(t -> bump(t, PROFILE + 200, PROFILE + 2200, 75))
            // a swap's mask ends: past 25 degrees the target's own face shows
            .embedding(t -> bump(t, PROFILE + 200, PROFILE + 2200, 75) > 25 ? SyntheticCapture.SOMEONE_ELSE : SyntheticCapture.PERSON));
    assertThat(result.reason()).isEqualTo("profile-identity-changed");
  }

  @Test
  void aDetectedFaceTheMeshCannotFitAtTheProfileFails() {
    CheckResult result =
        evaluate(new SyntheticCapture(CHALLENGE)
            .meshYaw(t -> bump(t, PROFILE + 200, PROFILE + 2200, 75))
            .meshConfidence(t -> bump(t, PROFILE + 200, PROFILE + 2200, 75) > 60 ? 0.2 : 0.99));
    assertThat(result.reason()).isEqualTo("profile-identity-changed");
  }

  @Test
  void aTurnThatDoesNotComeBackIsNotDone() {
    CheckResult result =
        evaluate(new SyntheticCapture(CHALLENGE).meshYaw(t -> t > PROFILE + 500 ? 75 : 0));
    assertThat(result.reason()).isEqualTo("profile-turn-not-seen");
  }
}
