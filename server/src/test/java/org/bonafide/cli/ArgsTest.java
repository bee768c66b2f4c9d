package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static final Set<String> KNOWN = Set.of("threshold", "threads");

  @Test
  void separatesPositionalsAndOptionsInBothSpellings() {
    Args args = Args.parse("compare", List.of("a.jpg", "--threshold", "0.4", "b.jpg", "--threads=2"), KNOWN);
    assertThat(args.positionals()).containsExactly("a.jpg", "b.jpg");
    assertThat(args.doubleOption("threshold", 0.36, -1, 1)).isEqualTo(0.4);
    assertThat(args.intOption("threads", 0, 0, 8)).isEqualTo(2);
  }

  @Test
  void fallsBackToTheDefault() {
    Args args = Args.parse("compare", List.of(), KNOWN);
    assertThat(args.doubleOption("threshold", 0.36, -1, 1)).isEqualTo(0.36);
  }

  @Test
  void refusesAnUnknownOptionListingTheKnownOnes() {
    assertThatThrownBy(() -> Args.parse("compare", List.of("--treshold", "1"), KNOWN))
        .hasMessageContaining("no option --treshold")
        .hasMessageContaining("--threads, --threshold");
  }

  @Test
  void refusesAMissingValueARepeatAndAWrongType() {
    assertThatThrownBy(() -> Args.parse("compare", List.of("--threshold"), KNOWN)).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Args.parse("compare", List.of("--threads", "1", "--threads", "2"), KNOWN))
        .hasMessageContaining("given twice");
    Args args = Args.parse("compare", List.of("--threshold", "high", "--threads", "1.5"), KNOWN);
    assertThatThrownBy(() -> args.doubleOption("threshold", 0, -1, 1)).hasMessageContaining("must be a number");
    assertThatThrownBy(() -> args.intOption("threads", 0, 0, 8)).hasMessageContaining("whole number");
  }

  @Test
  void refusesAValueOutOfRange() {
    Args args = Args.parse("compare", List.of("--threshold", "1.5"), KNOWN);
    assertThatThrownBy(() -> args.doubleOption("threshold", 0, -1, 1)).hasMessageContaining("must lie in [-1.0, 1.0]");
  }

  @Test
  void countsPositionals() {
    Args args = Args.parse("compare", List.of("a.jpg"), KNOWN);
    assertThatThrownBy(() -> args.expectPositionals(2, "two image files")).hasMessageContaining("(1 given)");
  }
}
