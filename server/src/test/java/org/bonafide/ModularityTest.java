package org.bonafide;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {
  @Test
  void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
    ApplicationModules.of(Application.class).verify();
  }
}
