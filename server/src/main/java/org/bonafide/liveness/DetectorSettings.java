package org.bonafide.liveness;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What every detector's settings record has: an {@code enabled} switch, a binding under {@code
 * bonafide.detectors.<id>} (its {@link ConfigurationProperties} prefix), defaults given by {@code
 * @DefaultValue} on its components, and validation in its constructor. Spring binds the records
 * from the service's configuration; {@link #bind} binds them the same way from a map (command line,
 * benchmarks, tests), so both see the same defaults and refuse the same values.
 */
interface DetectorSettings {
  /** The prefix of every detector's settings; the detector's id follows. */
  String PREFIX = "bonafide.detectors.";

  /** Whether the detector runs. */
  boolean enabled();

  /** The record with every component at its default. */
  static <T> T defaults(Class<T> type) {
    return bind(type, Map.of());
  }

  /**
   * The record bound from {@code properties} (full names, e.g. {@code
   * bonafide.detectors.movement.min-angle}), defaults for the rest, as Spring binds it.
   *
   * @throws org.springframework.boot.context.properties.bind.BindException when a value does not
   *     convert or the record refuses it (its cause says which and why)
   */
  static <T> T bind(Class<T> type, Map<String, String> properties) {
    ConfigurationProperties binding = type.getAnnotation(ConfigurationProperties.class);
    if (binding == null) {
      throw new IllegalArgumentException(type.getName() + " is not a settings record: it has no @ConfigurationProperties");
    }
    String prefix = binding.value().isEmpty() ? binding.prefix() : binding.value();
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
  }

  /** Refuses a value outside {@code [min, max]} (NaN included) with the setting's name. */
  static void between(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(name + " must lie between " + plain(min) + " and " + plain(max) + ", not " + plain(value));
    }
  }

  /** Refuses a value below {@code min} (NaN included) with the setting's name. */
  static void atLeast(String name, double value, double min) {
    if (!(value >= min)) {
      throw new IllegalArgumentException(name + " must be at least " + plain(min) + ", not " + plain(value));
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
