package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.bonafide.liveness.CapturedFrame;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.ColourFlash;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.shared.BonafideException;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;

/** The simulator's oracle challenge and rendering, on made-up footage (no models needed). */
class BonaFideSimulationTest {
  private static final Path VIDEO = Path.of("made-up.mp4");

  /** 10 s at 30 fps: still for 3.6 s, then a turn right, a blink and a turn left. */
  private static Footage footage() {
    return SyntheticFootage.make(
        300,
        i -> SyntheticFootage.bump(i, 110, 150, 20) + SyntheticFootage.bump(i, 210, 250, -20),
        i -> 0,
        i -> (i >= 180 && i < 184) ? 0.05 : 0.97);
  }

  private static BonaFideSimulation.Plan plan(Footage footage, long seed) {
    List<int[]> shots = BonaFideSimulation.usableShots(footage);
    List<Movements.Event> events = Movements.find(footage, 0, footage.size());
    return BonaFideSimulation.plan(footage, shots, events, new SplittableRandom(seed), VIDEO);
  }

  @Test
  void writesTheRealMovementsInTheirOrderAfterTheColoursOverTheStillStretch() {
    Footage footage = footage();
    for (long seed = 1; seed <= 5; seed++) {
      BonaFideSimulation.Plan plan = plan(footage, seed);
      Challenge challenge = plan.challenge();

      assertThat(challenge.prompts().get(0).prompt()).isEqualTo(Prompt.HOLD_STILL);
      int colourMs = challenge.colours().stream().mapToInt(c -> c.durationMs()).sum();
      assertThat(challenge.prompts().get(0).durationMs()).isEqualTo(colourMs);
      assertThat(challenge.colours().size()).isBetween(6, 10);
      List<Prompt> asked = challenge.prompts().stream().skip(1).map(PromptStep::prompt).toList();
      assertThat(List.of(Prompt.TURN_RIGHT, Prompt.BLINK, Prompt.TURN_LEFT)).endsWith(asked.toArray(Prompt[]::new));
      assertThat(plan.steadiness()).as("the colours fall on the still stretch").isLessThanOrEqualTo(BonaFideSimulation.STEADY_DEGREES);
      // Each movement's peak lies in its own window.
      long windowStart = plan.holdStartMs() + colourMs;
      for (int k = 1; k < challenge.prompts().size(); k++) {
        PromptStep step = challenge.prompts().get(k);
        Movements.Event event = plan.events().get(k - 1);
        assertThat(event.prompt()).isEqualTo(step.prompt());
        long peak = footage.timestampMs(event.peak());
        assertThat(peak).isBetween(windowStart, windowStart + step.durationMs());
        windowStart += step.durationMs();
      }
    }
  }

  @Test
  void rendersRealFramesAtTheCaptureRateWithTheScreenLightOnTheFace() {
    Footage footage = footage();
    List<ColourFlash> colours = new java.util.ArrayList<>();
    for (int k = 0; k < 6; k++) {
      colours.add(new ColourFlash(k % 2 == 0 ? "#ff0000" : "#0000ff", 500));
    }
    Challenge challenge =
        new Challenge(List.of(new PromptStep(Prompt.HOLD_STILL, 3000), new PromptStep(Prompt.TURN_RIGHT, 2000)), colours);
    BonaFideSimulation.Plan plan = new BonaFideSimulation.Plan(0, 0, 0, 5000, challenge, List.of(), 0, 1);
    SessionFolder session =
        BonaFideSimulation.render(
            footage, Framing.of(footage), plan, new ScreenLight.Params(0.3, 80, 0), 12, new SplittableRandom(3), VIDEO);

    assertThat(session.label()).isEqualTo(SessionFolder.BONA_FIDE);
    List<CapturedFrame> frames = session.capture().frames();
    assertThat(frames).hasSize(60);
    assertThat(frames.get(0).prompt()).isEqualTo(Prompt.HOLD_STILL);
    assertThat(frames.get(59).prompt()).isEqualTo(Prompt.TURN_RIGHT);
    assertThat(frames.get(59).screen()).isNull();

    // Frames well inside red flashes are redder at the face centre than frames inside blue ones.
    for (int k = 0; k < 5; k++) {
      double redness = redness(nearest(frames, k * 500 + 250 + 80));
      double next = redness(nearest(frames, (k + 1) * 500 + 250 + 80));
      if (k % 2 == 0) {
        assertThat(nearest(frames, k * 500 + 250).screen()).isEqualTo("#ff0000");
        assertThat(redness).as("flash %d (red) against the next (blue)", k).isGreaterThan(next + 15);
      } else {
        assertThat(redness).as("flash %d (blue) against the next (red)", k).isLessThan(next - 15);
      }
    }
    // After the colours, the face is as the footage shows it: between the two.
    assertThat(redness(frames.get(50))).isBetween(redness(nearest(frames, 2750 + 80)), redness(nearest(frames, 250 + 80)));
    assertThat(session.capture().telemetry()).containsEntry("width", Framing.WIDTH).containsKey("cameraLabel");
    assertThat(session.source()).contains("simulated").contains("made-up.mp4");
  }

  /** Red minus blue at the framed face's centre. */
  private static double redness(CapturedFrame frame) {
    BufferedImage image = TestImages.read(frame.image());
    int p = image.getRGB(Framing.WIDTH / 2, (int) (Framing.HEIGHT * 0.45));
    return ((p >> 16) & 0xff) - (p & 0xff);
  }

  @Test
  void footageWithoutARealMovementAfterAStillStretchIsRefusedWithWhatWasFound() {
    Footage still = SyntheticFootage.make(300, i -> 0, i -> 0, i -> 0.97);
    assertThatThrownBy(() -> plan(still, 1))
        .isInstanceOf(BonafideException.class)
        .hasMessageContaining("Movements and blinks found: none");
  }

  private static CapturedFrame nearest(List<CapturedFrame> frames, long ms) {
    CapturedFrame best = frames.get(0);
    for (CapturedFrame f : frames) {
      if (Math.abs(f.timestampMs() - ms) < Math.abs(best.timestampMs() - ms)) {
        best = f;
      }
    }
    return best;
  }
}
