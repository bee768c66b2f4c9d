package org.bonafide.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.ColourFlash;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;

/**
 * Draws challenges. Sessions draw with {@link java.security.SecureRandom}; the command line's attack
 * and simulation tools pass a seeded generator so their output can be reproduced.
 *
 * <p>A challenge starts with {@link Prompt#HOLD_STILL} while the colours flash, then asks for the
 * head movements in random order with the blink (and the hand sweep, when drawn) at random places
 * among them, and the profile turn (when drawn, to a side drawn at random) likewise.
 */
public final class ChallengeGenerator {
  /**
   * The colours flashed: saturated primaries and secondaries, far apart in chromaticity so the
   * skin's response to each is measurable. Consecutive colours always differ.
   */
  public static final List<String> PALETTE =
      List.of("#ff0000", "#00ff00", "#0000ff", "#ffff00", "#00ffff", "#ff00ff");

  private static final List<Prompt> MOVEMENTS =
      List.of(Prompt.TURN_LEFT, Prompt.TURN_RIGHT, Prompt.LOOK_UP, Prompt.LOOK_DOWN);

  private ChallengeGenerator() {}

  public static Challenge draw(ChallengePolicy policy, RandomGenerator random) {
    List<ColourFlash> colours = drawColours(policy, random);
    int colourMs = colours.stream().mapToInt(ColourFlash::durationMs).sum();

    List<Prompt> movements = new ArrayList<>(MOVEMENTS);
    shuffle(movements, random);
    int count = policy.minMovements() + random.nextInt(policy.maxMovements() - policy.minMovements() + 1);
    List<PromptStep> actions = new ArrayList<>();
    for (Prompt movement : movements.subList(0, count)) {
      actions.add(new PromptStep(movement, policy.movementMs()));
    }
    actions.add(random.nextInt(actions.size() + 1), new PromptStep(Prompt.BLINK, policy.blinkMs()));
    if (asked(policy.handSweep(), random)) {
      actions.add(random.nextInt(actions.size() + 1), new PromptStep(Prompt.HAND_SWEEP, policy.handSweepMs()));
    }
    if (asked(policy.profileTurn(), random)) {
      // the side is drawn by the server: a pre-rendered swap cannot know which profile it must show
      Prompt side = random.nextBoolean() ? Prompt.PROFILE_LEFT : Prompt.PROFILE_RIGHT;
      actions.add(random.nextInt(actions.size() + 1), new PromptStep(side, policy.profileTurnMs()));
    }
    List<PromptStep> prompts = new ArrayList<>();
    prompts.add(new PromptStep(Prompt.HOLD_STILL, colourMs));
    prompts.addAll(actions);
    return new Challenge(prompts, colours);
  }

  /** Whether an optional step is asked for this time. */
  private static boolean asked(ChallengePolicy.Frequency when, RandomGenerator random) {
    return switch (when) {
      case ALWAYS -> true;
      case NEVER -> false;
      case RANDOM -> random.nextBoolean();
    };
  }

  /** A colour sequence alone, drawn as for a session (used to re-time recorded footage). */
  public static List<ColourFlash> drawColours(ChallengePolicy policy, RandomGenerator random) {
    int count = policy.minColours() + random.nextInt(policy.maxColours() - policy.minColours() + 1);
    int steps = (policy.maxColourMs() - policy.minColourMs()) / 50;
    List<ColourFlash> colours = new ArrayList<>(count);
    String previous = null;
    for (int i = 0; i < count; i++) {
      String colour;
      do {
        colour = PALETTE.get(random.nextInt(PALETTE.size()));
      } while (colour.equals(previous));
      int ms = policy.minColourMs() + 50 * random.nextInt(steps + 1);
      colours.add(new ColourFlash(colour, ms));
      previous = colour;
    }
    return colours;
  }

  private static <T> void shuffle(List<T> list, RandomGenerator random) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }
}
