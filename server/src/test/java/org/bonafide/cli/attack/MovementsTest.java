package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bonafide.liveness.Prompt;
import org.junit.jupiter.api.Test;

/** The simulator's own movement and blink criteria, on made-up pose and eye series. */
class MovementsTest {
  private static List<Movements.Event> find(Footage footage) {
    return Movements.find(footage, 0, footage.size());
  }

  @Test
  void findsTurnsAndLooksInTheirOrderWithThePersonsOwnDirections() {
    Footage footage =
        SyntheticFootage.make(
            200,
            i -> SyntheticFootage.bump(i, 20, 50, 20) + SyntheticFootage.bump(i, 60, 90, -20),
            i -> SyntheticFootage.bump(i, 110, 140, 18) + SyntheticFootage.bump(i, 150, 180, -18),
            i -> 0.98);

    List<Movements.Event> events = find(footage);

    assertThat(events).extracting(Movements.Event::prompt)
        .containsExactly(Prompt.TURN_RIGHT, Prompt.TURN_LEFT, Prompt.LOOK_UP, Prompt.LOOK_DOWN);
    Movements.Event right = events.get(0);
    assertThat(right.peak()).isBetween(33, 37);
    assertThat(right.start()).isBetween(20, 30);
    assertThat(right.end()).isBetween(40, 50);
    assertThat(right.degrees()).isCloseTo(20, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void ignoresSmallWobblesAndExcursionsThatDoNotComeBack() {
    Footage footage =
        SyntheticFootage.make(
            120,
            i -> SyntheticFootage.bump(i, 10, 40, 9) + (i > 80 ? 25 : 0),
            i -> 3 * Math.sin(i / 3.0),
            i -> 0.98);

    assertThat(find(footage)).isEmpty();
  }

  @Test
  void aYawAndPitchExcursionTogetherIsOneMovementTheLargerOne() {
    Footage footage =
        SyntheticFootage.make(
            100, i -> SyntheticFootage.bump(i, 30, 60, 22), i -> SyntheticFootage.bump(i, 30, 60, 14), i -> 0.98);

    assertThat(find(footage)).extracting(Movements.Event::prompt).containsExactly(Prompt.TURN_RIGHT);
  }

  @Test
  void findsABlinkOnlyWhenBothEyesCloseBrieflyAndOpenAgain() {
    Footage footage =
        SyntheticFootage.make(
            120,
            i -> 0,
            i -> 0,
            i -> (i >= 30 && i < 34) ? 0.05 : (i >= 70 ? 0.1 : 0.97)); // a blink, then eyes closed to the end

    List<Movements.Event> events = find(footage);

    assertThat(events).hasSize(1);
    assertThat(events.get(0).prompt()).isEqualTo(Prompt.BLINK);
    assertThat(events.get(0).start()).isEqualTo(29);
    assertThat(events.get(0).end()).isEqualTo(34);
  }

  @Test
  void closedEyesLongerThanABlinkAreNoBlink() {
    Footage footage = SyntheticFootage.make(120, i -> 0, i -> 0, i -> (i >= 30 && i < 60) ? 0.05 : 0.97);
    assertThat(find(footage)).isEmpty();
  }
}
