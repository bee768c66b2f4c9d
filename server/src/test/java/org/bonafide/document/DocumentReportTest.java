package org.bonafide.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentReportTest {
  @Test
  void aReportWithoutFailedChecksPasses() {
    DocumentReport report = DocumentReport.of(Map.of(), List.of(DocumentCheck.pass("a", 1, Map.of())), null);
    assertThat(report.outcome()).isEqualTo(DocumentOutcome.PASSED);
    assertThat(report.reasons()).isEmpty();
  }

  @Test
  void aRetryReasonAloneAsksForAnotherPhotoAndARejectReasonOutweighsIt() {
    DocumentCheck blurred = DocumentCheck.fail("quality", 0.2, DocumentReason.DOCUMENT_BLURRED, Map.of());
    DocumentCheck digits = DocumentCheck.fail("mrz", 0, DocumentReason.MRZ_CHECK_DIGIT, Map.of());
    assertThat(DocumentReport.of(Map.of(), List.of(blurred), null).outcome()).isEqualTo(DocumentOutcome.RETRY);
    DocumentReport both = DocumentReport.of(Map.of(), List.of(blurred, digits), null);
    assertThat(both.outcome()).isEqualTo(DocumentOutcome.FAILED);
    // catalogue order: the check digit (a reject reason) before the blur
    assertThat(both.reasons()).containsExactly("mrz-check-digit", "document-blurred");
  }

  @Test
  void aLaterCheckReplacesOneWithTheSameId() {
    DocumentReport report =
        DocumentReport.of(
            Map.of(), List.of(DocumentCheck.fail("holder-match", 0.1, DocumentReason.PORTRAIT_MISMATCH, Map.of())), null);
    DocumentReport again = report.withCheck(DocumentCheck.pass("holder-match", 0.9, Map.of()));
    assertThat(again.checks()).hasSize(1);
    assertThat(again.outcome()).isEqualTo(DocumentOutcome.PASSED);
  }

  @Test
  void reasonCodesAreUniqueAndUnknownCodesAreRefused() {
    Set<String> codes = new HashSet<>();
    for (DocumentReason reason : DocumentReason.values()) {
      assertThat(codes.add(reason.code())).as(reason.code()).isTrue();
    }
    assertThatThrownBy(() -> DocumentReport.reason("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void docsListEveryReasonWithItsKind() throws java.io.IOException {
    String docs = Files.readString(Path.of("..", "docs", "documents.md"));
    for (DocumentReason reason : DocumentReason.values()) {
      assertThat(docs)
          .as("docs/documents.md lists %s", reason.code())
          .contains(
              "| `" + reason.code() + "` | " + reason.kind().name().toLowerCase(java.util.Locale.ROOT) + " | "
                  + reason.description() + " |");
    }
  }
}
