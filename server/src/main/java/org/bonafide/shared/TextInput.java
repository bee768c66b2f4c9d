package org.bonafide.shared;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * The one rule for text a client sends, applied at every boundary (JSON bodies and parts, query
 * and form parameters, path variables, feed rows): no NUL character, which PostgreSQL cannot store
 * in text, and no lone UTF-16 surrogate, which is not Unicode and would be stored as {@code ?} (so
 * that {@code "A-\ud800"} and {@code "A-?"} would collide). Such text is refused, never stripped or
 * replaced: a changed reference would silently name something else.
 */
public final class TextInput {
  /** The path of a whole body: its components are named alone. */
  public static final String TOP = "body";

  /** JSON nests no deeper than this in what the service accepts; deeper input is refused. */
  public static final int MAX_DEPTH = 32;

  private TextInput() {}

  /** Why {@code s} is refused, or null when it is acceptable text (null is acceptable). */
  public static String problem(CharSequence s) {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "contains a NUL character (U+0000) at position " + i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "contains a lone UTF-16 surrogate at position " + i + " (not Unicode text)";
      }
      if (Character.isLowSurrogate(c)) {
        return "contains a lone UTF-16 surrogate at position " + i + " (not Unicode text)";
      }
    }
    return null;
  }

  /** {@code s} when acceptable; otherwise a 400 {@code invalid-text} naming {@code field}. */
  public static String require(String field, String s) {
    String problem = problem(s);
    if (problem != null) {
      throw refused(field, problem);
    }
    return s;
  }

  /** The 400 {@code invalid-text} problem for {@code field}. */
  public static BonafideException refused(String field, String problem) {
    return new BonafideException(ErrorCode.INVALID_TEXT, field + " " + problem + ".", Map.of("field", field));
  }

  /**
   * Applies the rule to every string in a value read from JSON (record components, map keys and
   * values, list and array items, at any depth up to {@link #MAX_DEPTH}); the first refused one is a
   * 400 {@code invalid-text} naming its path ({@code root} for a value at the top, otherwise the
   * components' names joined by dots, e.g. {@code telemetry.cameraLabel}).
   */
  public static <T> T requireAll(T value, String root) {
    check(value, root == null ? TOP : root, 0);
    return value;
  }

  /** Refuses the first unacceptable string in {@code value}, named by its path. */
  private static void check(Object value, String path, int depth) {
    if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
      return;
    }
    if (depth > MAX_DEPTH) {
      throw refused(path, "nests deeper than " + MAX_DEPTH + " levels");
    }
    if (value instanceof CharSequence text) {
      String problem = problem(text);
      if (problem != null) {
        throw refused(path, problem);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String problem = problem(key);
        if (problem != null) {
          throw refused(path + " key", problem);
        }
        check(e.getValue(), path + "." + key, depth + 1);
      }
    } else if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        check(item, path + "[" + i++ + "]", depth + 1);
      }
    } else if (value instanceof Object[] items) {
      for (int i = 0; i < items.length; i++) {
        check(items[i], path + "[" + i + "]", depth + 1);
      }
    } else if (value.getClass().isRecord()) {
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        Object v;
        try {
          component.getAccessor().setAccessible(true);
          v = component.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
        check(v, path.equals(TOP) ? component.getName() : path + "." + component.getName(), depth + 1);
      }
    }
  }
}
