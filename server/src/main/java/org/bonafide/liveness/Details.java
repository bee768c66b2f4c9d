package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a check's details map: numbers rounded to what is meaningful, NaN and null left out (JSON
 * has no NaN, and {@link Map#copyOf} takes no nulls).
 */
final class Details {
  private final Map<String, Object> values = new LinkedHashMap<>();

  Details put(String key, double value) {
    if (!Double.isNaN(value) && !Double.isInfinite(value)) {
      values.put(key, round(value));
    }
    return this;
  }

  Details put(String key, Object value) {
    if (value instanceof Double d) {
      return put(key, d.doubleValue());
    }
    if (value != null) {
      values.put(key, value);
    }
    return this;
  }

  Map<String, Object> build() {
    return values;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  static List<Integer> indices(Collection<FrameMeasurement> frames) {
    List<Integer> out = new ArrayList<>(frames.size());
    for (FrameMeasurement f : frames) {
      out.add(f.index());
    }
    return out;
  }

  static CheckResult pass(String id, double score, List<Integer> frames, Details details) {
    return new CheckResult(id, true, clamp(score), null, frames, details.build());
  }

  static CheckResult fail(String id, double score, LivenessReason reason, List<Integer> frames, Details details) {
    return new CheckResult(id, false, clamp(score), reason.code(), frames, details.build());
  }

  static double clamp(double score) {
    return Double.isNaN(score) ? 0 : Math.max(0, Math.min(1, round(score)));
  }
}
