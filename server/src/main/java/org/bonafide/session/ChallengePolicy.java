package org.bonafide.session;

/**
 * How a challenge is drawn.
 *
 * @param minMovements fewest head movements (at least 1)
 * @param maxMovements most head movements (at most 4: each direction once)
 * @param handSweep whether a hand sweep is asked for: always, never, or at random
 * @param minColours fewest colours in the colour sequence
 * @param maxColours most colours
 * @param minColourMs shortest colour duration (never below 334 ms: 3 flashes per second at most)
 * @param maxColourMs longest colour duration
 * @param movementMs time window of each head movement
 * @param blinkMs time window of the blink
 * @param handSweepMs time window of the hand sweep
 * @param profileTurn whether a turn to a profile (side-on face) is asked for: always, never, or at
 *     random (absent in configuration: never)
 * @param profileTurnMs time window of the profile turn (absent or 0 in configuration: 4,000 ms)
 */
public record ChallengePolicy(
    int minMovements,
    int maxMovements,
    Frequency handSweep,
    int minColours,
    int maxColours,
    int minColourMs,
    int maxColourMs,
    int movementMs,
    int blinkMs,
    int handSweepMs,
    Frequency profileTurn,
    int profileTurnMs) {

  /** How often the challenge asks for an optional step (the hand sweep, the profile turn). */
  public enum Frequency {
    ALWAYS,
    NEVER,
    RANDOM
  }

  /** Default window of the profile turn: out to 60° and back at an unhurried pace. */
  public static final int PROFILE_TURN_MS = 4000;

  public ChallengePolicy {
    if (profileTurn == null) {
      profileTurn = Frequency.NEVER;
    }
    if (profileTurnMs == 0) {
      profileTurnMs = PROFILE_TURN_MS;
    }
    if (minMovements < 1 || maxMovements > 4 || minMovements > maxMovements) {
      throw new IllegalArgumentException("a challenge has 1 to 4 head movements, min <= max");
    }
    if (minColours < 2 || minColours > maxColours) {
      throw new IllegalArgumentException("a colour sequence has at least 2 colours, min <= max");
    }
    if (minColourMs < org.bonafide.liveness.ColourFlash.MIN_DURATION_MS || minColourMs > maxColourMs) {
      throw new IllegalArgumentException(
          "colours last at least 334 ms (3 flashes per second at most), min <= max");
    }
    if (movementMs <= 0 || blinkMs <= 0 || handSweepMs <= 0 || profileTurnMs < 0) {
      throw new IllegalArgumentException("prompt windows must be positive");
    }
  }

  /**
   * The default: 2-3 movements, a hand sweep half of the time, a profile turn half of the time,
   * 6-10 colours of 400-700 ms.
   */
  public static ChallengePolicy standard() {
    return new ChallengePolicy(2, 3, Frequency.RANDOM, 6, 10, 400, 700, 2500, 2500, 3000, Frequency.RANDOM, PROFILE_TURN_MS);
  }
}
