package org.bonafide.document;

import java.util.List;
import java.util.Optional;

/**
 * A parsed and validated machine-readable zone.
 *
 * @param format the zone's format
 * @param lines the lines as read (whitespace removed)
 * @param fields every field, in reading order
 * @param checks one check per kind of rule ({@code mrz-check-digits}, {@code mrz-dates}, {@code
 *     mrz-countries}, {@code mrz-document-code}, {@code mrz-names}, {@code mrz-characters}) and
 *     {@code document-expiry} where the zone carries an expiry date
 */
public record MrzResult(MrzFormat format, List<String> lines, List<MrzField> fields, List<DocumentCheck> checks) {
  /** The id of the one check that depends on the day rather than on the zone itself. */
  public static final String EXPIRY_CHECK = "document-expiry";

  public MrzResult {
    lines = List.copyOf(lines);
    fields = List.copyOf(fields);
    checks = List.copyOf(checks);
  }

  /**
   * Whether the zone is internally consistent: every check digit verifies and every field has the
   * shape its format demands. Says nothing about expiry.
   */
  public boolean intact() {
    return checks.stream().filter(c -> !c.id().equals(EXPIRY_CHECK)).allMatch(DocumentCheck::passed);
  }

  /** Whether the zone carries an expiry date that lies before the day it was checked on. */
  public boolean expired() {
    return checks.stream().anyMatch(c -> c.id().equals(EXPIRY_CHECK) && !c.passed());
  }

  /** Whether every check passed: the zone is intact and the document has not expired. */
  public boolean valid() {
    return checks.stream().allMatch(DocumentCheck::passed);
  }

  /** The reason codes of the checks that failed, most important first, without repeats. */
  public List<String> reasons() {
    return checks.stream().filter(c -> !c.passed()).map(DocumentCheck::reason).distinct().toList();
  }

  /** The field with this name, if the format has one. */
  public Optional<MrzField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The value of the named field, or null when the format has no such field. */
  public String value(String name) {
    return field(name).map(MrzField::value).orElse(null);
  }
}
