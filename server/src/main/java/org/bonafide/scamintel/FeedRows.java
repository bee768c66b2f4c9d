package org.bonafide.scamintel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.bonafide.shared.TextInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a feed of reports: CSV with a header ({@code kind,value} and optionally {@code category},
 * {@code reference}, {@code reportedAt}, {@code trust}; RFC 4180 quotes within a line) or JSON
 * Lines with the same keys. Each row is handed on as read, or, when it cannot be a report, as a
 * rejection naming its line and the reason, so one bad row never stops a feed.
 */
public final class FeedRows {
  /** The columns a feed may carry. */
  public static final List<String> COLUMNS = List.of("kind", "value", "category", "reference", "reportedAt", "trust");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FeedRows() {}

  /** One row of a feed, its values as written. */
  public record Row(int line, String kind, String value, String category, String reference, Instant reportedAt, Double trust) {}

  /** A row that is not a report. */
  public record Rejected(int line, String field, String reason) {}

  /** The feed's format. */
  public enum Format {
    CSV,
    JSON_LINES
  }

  /**
   * Reads every row.
   *
   * @throws IllegalArgumentException when a CSV header lacks {@code kind} or {@code value} or
   *     names an unknown column: the whole feed is unusable then
   */
  public static void read(Reader in, Format format, Consumer<Row> rows, Consumer<Rejected> rejected) {
    try (BufferedReader reader = new BufferedReader(in)) {
      if (format == Format.CSV) {
        csv(reader, rows, rejected);
      } else {
        jsonLines(reader, rows, rejected);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void csv(BufferedReader reader, Consumer<Row> rows, Consumer<Rejected> rejected) throws IOException {
    String header = reader.readLine();
    int number = 1;
    while (header != null && header.isBlank()) {
      header = reader.readLine();
      number++;
    }
    if (header == null) {
      throw new IllegalArgumentException("the feed is empty; its first line is the header kind,value[,category,reference,reportedAt,trust]");
    }
    List<String> names = fields(header.startsWith("\uFEFF") ? header.substring(1) : header);
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      String known = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (known == null || at.put(known, i) != null) {
        throw new IllegalArgumentException("the header names " + (known == null ? "an unknown" : "a repeated") + " column '" + name
            + "'; the columns are " + String.join(", ", COLUMNS));
      }
    }
    if (!at.containsKey("kind") || !at.containsKey("value")) {
      throw new IllegalArgumentException("the header needs the columns kind and value");
    }
    String line;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      List<String> f;
      try {
        f = fields(line);
      } catch (IllegalArgumentException e) {
        rejected.accept(new Rejected(number, null, e.getMessage()));
        continue;
      }
      if (f.size() != names.size()) {
        rejected.accept(new Rejected(number, null, "has " + f.size() + " fields, the header " + names.size()));
        continue;
      }
      Map<String, String> values = new HashMap<>();
      at.forEach((name, i) -> values.put(name, f.get(i).strip()));
      row(number, values, rows, rejected);
    }
  }

  private static void jsonLines(BufferedReader reader, Consumer<Row> rows, Consumer<Rejected> rejected) throws IOException {
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JacksonException e) {
        rejected.accept(new Rejected(number, null, "not JSON"));
        continue;
      }
      if (!node.isObject()) {
        rejected.accept(new Rejected(number, null, "not a JSON object"));
        continue;
      }
      Map<String, String> values = new HashMap<>();
      for (String c : COLUMNS) {
        JsonNode v = node.get(c);
        if (v != null && !v.isNull()) {
          values.put(c, v.isValueNode() ? v.asString() : v.toString());
        }
      }
      row(number, values, rows, rejected);
    }
  }

  private static void row(int line, Map<String, String> values, Consumer<Row> rows, Consumer<Rejected> rejected) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      String problem = TextInput.problem(e.getValue());
      if (problem != null) {
        rejected.accept(new Rejected(line, e.getKey(), problem));
        return;
      }
    }
    String kind = values.getOrDefault("kind", "").toLowerCase(Locale.ROOT);
    String value = values.getOrDefault("value", "");
    if (kind.isEmpty() || value.isEmpty()) {
      rejected.accept(new Rejected(line, kind.isEmpty() ? "kind" : "value", "is empty"));
      return;
    }
    Instant reportedAt = null;
    String time = values.getOrDefault("reportedAt", "");
    if (!time.isEmpty()) {
      try {
        reportedAt = Instant.parse(time);
      } catch (DateTimeParseException e) {
        rejected.accept(new Rejected(line, "reportedAt", "is not an ISO-8601 instant (2026-11-21T09:30:00Z)"));
        return;
      }
    }
    Double trust = null;
    String t = values.getOrDefault("trust", "");
    if (!t.isEmpty()) {
      try {
        trust = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        rejected.accept(new Rejected(line, "trust", "is not a number"));
        return;
      }
    }
    rows.accept(
        new Row(
            line,
            kind,
            value,
            emptyToNull(values.get("category")),
            emptyToNull(values.get("reference")),
            reportedAt,
            trust));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The fields of one CSV line; quotes as RFC 4180 within the line. */
  static List<String> fields(String line) {
    return org.bonafide.shared.CsvLine.split(line);
  }
}
