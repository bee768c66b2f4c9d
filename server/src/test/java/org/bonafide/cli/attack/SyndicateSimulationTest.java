package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bonafide.cli.Progress;
import org.junit.jupiter.api.Test;


/** The simulated population shares what people really share, and nothing a stranger cannot. */
class SyndicateSimulationTest {
  @Test
  void anEmailAddressBelongsToOnePersonAmongGenuineApplicantsAndRings() {
    SyndicateSimulation.World world = new SyndicateSimulation.World(new SplittableRandom(11), 20);
    List<SyndicateSimulation.Application> applications = new ArrayList<>();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    // at 100,000 applications, names and numbers drawn without a check collide some hundreds of times
    List<SyndicateSimulation.Person> people =
        world.genuine(100_000, applications, new Progress(quiet, "test", "applications", 100_000, 100_000, System::nanoTime));
    for (int r = 0; r < 5; r++) {
      applications.addAll(world.ring("ring-" + r, 40, people));
    }
    Map<String, Set<Long>> holders = new HashMap<>();
    for (SyndicateSimulation.Application a : applications) {
      holders.computeIfAbsent(a.email(), e -> new HashSet<>()).add(a.identity().id());
    }
    assertThat(holders.entrySet()).filteredOn(e -> e.getValue().size() > 1).isEmpty();
    assertThat(holders).hasSizeGreaterThan(70_000);
  }
}
