package org.bonafide.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bonafide.session.ChallengePolicy.Frequency;

/** The challenge policies a session can be created with, by name. */
final class SessionPolicies {
  private final Map<String, ChallengePolicy> byName;
  private final String defaultName;

  SessionPolicies(Map<String, ChallengePolicy> configured, String defaultName) {
    Map<String, ChallengePolicy> all = new LinkedHashMap<>(builtIn());
    all.putAll(configured);
    if (!all.containsKey(defaultName)) {
      throw new IllegalStateException(
          "bonafide.session.default-policy names \"" + defaultName + "\", which is not one of " + all.keySet());
    }
    this.byName = Map.copyOf(all);
    this.defaultName = defaultName;
  }

  /**
   * standard: 2-3 movements, a hand sweep and a profile turn each half of the time; strict: 3
   * movements and always a hand sweep and a profile turn; basic: 2 movements, no hand sweep and no
   * profile turn, for applicants who cannot raise a hand or turn their head far.
   */
  static Map<String, ChallengePolicy> builtIn() {
    ChallengePolicy standard = ChallengePolicy.standard();
    Map<String, ChallengePolicy> policies = new LinkedHashMap<>();
    policies.put("standard", standard);
    policies.put(
        "strict",
        new ChallengePolicy(
            3, 3, Frequency.ALWAYS, 8, 10, standard.minColourMs(), standard.maxColourMs(),
            standard.movementMs(), standard.blinkMs(), standard.handSweepMs(), Frequency.ALWAYS,
            standard.profileTurnMs()));
    policies.put(
        "basic",
        new ChallengePolicy(
            2, 2, Frequency.NEVER, standard.minColours(), standard.maxColours(), standard.minColourMs(),
            standard.maxColourMs(), standard.movementMs(), standard.blinkMs(), standard.handSweepMs(), Frequency.NEVER,
            standard.profileTurnMs()));
    return policies;
  }

  String defaultName() {
    return defaultName;
  }

  Optional<ChallengePolicy> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  Set<String> names() {
    return byName.keySet();
  }
}
