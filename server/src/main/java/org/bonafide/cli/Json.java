package org.bonafide.cli;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON writer of the command line: compact, one object per line.
 *
 * <p>Public for the commands of the sub-packages {@code attack} and {@code eval}.
 */
public final class Json {
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Puts a number, or JSON {@code null} where it is not finite (an undefined rate). */
  public static void number(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  /** Puts milliseconds from nanoseconds, rounded to a microsecond. */
  public static void millis(ObjectNode node, String key, double nanos) {
    number(node, key, Math.round(nanos / 1_000.0) / 1_000.0);
  }

  public static String line(ObjectNode node) {
    return MAPPER.writeValueAsString(node);
  }
}
