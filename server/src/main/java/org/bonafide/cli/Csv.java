package org.bonafide.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.CsvLine;
import org.bonafide.shared.ErrorCode;

/**
 * Reads the evaluation CSV files (docs/formats.md): UTF-8, a header row naming the columns, comma
 * separated, RFC 4180 quotes within a line. Column names are matched case-insensitively in any
 * order; a missing required column, an unknown or repeated column, a row with the wrong number of
 * fields or an empty required value is an error that names the file and line, so a typo in a
 * data set fails the run before any image is analysed.
 *
 * <p>Public for the evaluations in {@code org.bonafide.cli.eval}.
 */
public final class Csv {
  /** One data row: its line number in the file and its values by lower-case column name. */
  public record Row(Path file, int line, Map<String, String> values) {
    public String get(String column) {
      return values.getOrDefault(column, "");
    }

    public BonafideException error(String message) {
      return invalid(file + " line " + line + ": " + message);
    }
  }

  private Csv() {}

  /**
   * Reads every data row.
   *
   * @param what how the user knows the file ("pairs", "labels"), for messages
   * @param required columns every row must have a value in
   * @param optional columns that may be absent or empty
   */
  public static List<Row> read(Path file, String what, List<String> required, List<String> optional) {
    List<String> lines = lines(file, what);
    List<String> allowed = new ArrayList<>(required);
    allowed.addAll(optional);
    String expected = String.join(",", required) + (optional.isEmpty() ? "" : "[," + String.join(",", optional) + "]");

    int headerIndex = 0;
    while (headerIndex < lines.size() && lines.get(headerIndex).isBlank()) {
      headerIndex++;
    }
    if (headerIndex == lines.size()) {
      throw invalid("The " + what + " file " + file + " is empty; its first line must be the header " + expected + ".");
    }
    List<String> header = split(lines.get(headerIndex), file, headerIndex + 1);
    List<String> columns = new ArrayList<>(header.size());
    for (String h : header) {
      String name = h.trim().toLowerCase(Locale.ROOT);
      if (!allowed.contains(name)) {
        throw invalid(headerProblem(file, headerIndex, "unknown column '" + h.trim() + "'", what, expected, header));
      }
      if (columns.contains(name)) {
        throw invalid(file + " line " + (headerIndex + 1) + ": column '" + name + "' appears twice in the header.");
      }
      columns.add(name);
    }
    for (String r : required) {
      if (!columns.contains(r)) {
        throw invalid(headerProblem(file, headerIndex, "the header lacks column '" + r + "'", what, expected, header));
      }
    }

    List<Row> rows = new ArrayList<>();
    for (int i = headerIndex + 1; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      List<String> fields = split(text, file, lineNo);
      if (fields.size() != columns.size()) {
        throw invalid(
            file + " line " + lineNo + ": " + fields.size() + " fields, but the header has " + columns.size() + ".");
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        values.put(columns.get(c), fields.get(c).trim());
      }
      for (String r : required) {
        if (values.get(r).isEmpty()) {
          throw invalid(file + " line " + lineNo + ": " + r + " is empty.");
        }
      }
      rows.add(new Row(file, lineNo, values));
    }
    if (rows.isEmpty()) {
      throw invalid("The " + what + " file " + file + " has a header but no rows.");
    }
    return rows;
  }

  private static List<String> lines(Path file, String what) {
    if (!Files.exists(file)) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "The " + what + " file " + file + " does not exist.");
    }
    if (!Files.isRegularFile(file)) {
      throw invalid("The " + what + " file " + file + " is not a regular file.");
    }
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid("The " + what + " file " + file + " is not UTF-8 text.");
    } catch (IOException e) {
      throw invalid("The " + what + " file " + file + " cannot be read: " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return text.lines().toList();
  }

  /** Splits one line on commas; a field in double quotes may hold commas and doubled quotes. */
  static List<String> split(String line, Path file, int lineNo) {
    try {
      return CsvLine.split(line);
    } catch (IllegalArgumentException e) {
      throw invalid(file + " line " + lineNo + ": " + e.getMessage() + ".");
    }
  }

  public static BonafideException invalid(String message) {
    return new BonafideException(ErrorCode.VALIDATION_FAILED, message);
  }

  /** "FILE line N: PROBLEM; the header of a WHAT file is EXPECTED (found: HEADER)." */
  private static String headerProblem(
      Object file, int headerIndex, String problem, String what, String expected, List<String> header) {
    return file
        + " line "
        + (headerIndex + 1)
        + ": "
        + problem
        + "; the header of a "
        + what
        + " file is "
        + expected
        + " (found: "
        + String.join(",", header)
        + ").";
  }
}
