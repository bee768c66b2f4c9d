package org.bonafide.liveness;

/**
 * What every detector shares: its id, its description, and its settings with their {@code enabled}
 * switch.
 *
 * @param <S> the detector's settings under {@code bonafide.detectors.<id>}
 */
abstract class ConfiguredDetector<S extends DetectorSettings> implements LivenessDetector {
  private final String id;
  private final String description;
  protected final S settings;

  ConfiguredDetector(String id, String description, S settings) {
    this.id = id;
    this.description = description;
    this.settings = settings;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  /** The detector's settings. */
  final S settings() {
    return settings;
  }

  @Override
  public final boolean enabled() {
    return settings.enabled();
  }
}
