package org.bonafide.document;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The analysis of one identity document.
 *
 * @param outcome passed, failed or retry, from the checks' reasons
 * @param reasons the failed checks' reason codes, most important first ({@link DocumentReason}
 *     declaration order), without repeats
 * @param fields what was read: the MRZ's fields, its format and the national identity number where
 *     there is one (empty when nothing could be read)
 * @param checks every check that ran
 * @param portrait the holder's portrait for the face comparison: the chip's DG2 image when passive
 *     authentication passed, else null (the caller finds the printed portrait on the page); never
 *     part of the JSON
 */
public record DocumentReport(
    DocumentOutcome outcome,
    List<String> reasons,
    Map<String, Object> fields,
    List<DocumentCheck> checks,
    @JsonIgnore BufferedImage portrait) {
  public DocumentReport {
    reasons = List.copyOf(reasons);
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    checks = List.copyOf(checks);
  }

  /** The report the checks add up to. */
  public static DocumentReport of(Map<String, Object> fields, List<DocumentCheck> checks, BufferedImage portrait) {
    List<DocumentReason> failed =
        checks.stream()
            .filter(c -> !c.passed() && c.reason() != null)
            .map(c -> reason(c.reason()))
            .distinct()
            .sorted(Comparator.naturalOrder())
            .toList();
    DocumentOutcome outcome =
        failed.stream().anyMatch(r -> r.kind() == DocumentReason.Kind.REJECT)
            ? DocumentOutcome.FAILED
            : failed.isEmpty() ? DocumentOutcome.PASSED : DocumentOutcome.RETRY;
    return new DocumentReport(outcome, failed.stream().map(DocumentReason::code).toList(), fields, checks, portrait);
  }

  /** This report with one more check (one the caller runs, such as the holder's face comparison). */
  public DocumentReport withCheck(DocumentCheck check) {
    List<DocumentCheck> all = new ArrayList<>(checks);
    all.removeIf(c -> c.id().equals(check.id()));
    all.add(check);
    return of(fields, all, portrait);
  }

  /** The catalogue entry of a reason code; a code outside the catalogue is a programming error. */
  static DocumentReason reason(String code) {
    return Arrays.stream(DocumentReason.values())
        .filter(r -> r.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown document reason " + code));
  }

  /** The check with this id, if it ran. */
  public java.util.Optional<DocumentCheck> check(String id) {
    return checks.stream().filter(c -> Objects.equals(c.id(), id)).findFirst();
  }
}
