package org.bonafide.shared;

import java.util.ArrayList;
import java.util.List;

/** One line of CSV (RFC 4180 within a line): fields split on commas, double quotes around a field. */
public final class CsvLine {
  private CsvLine() {}

  /**
   * The line's fields; a field in double quotes may hold commas and doubled quotes.
   *
   * @throws IllegalArgumentException naming the problem: text after a closing quote, or a quote
   *     not closed on the line (fields cannot span lines)
   */
  public static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (wasQuoted && !Character.isWhitespace(c)) {
        throw new IllegalArgumentException("text after a closing quote in field " + (fields.size() + 1));
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted field is not closed (fields cannot span lines)");
    }
    fields.add(field.toString());
    return fields;
  }
}
