package org.bonafide.scamintel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Checks, reports and disputes of scam indicators, for institutions (API key). */
@RestController
@Tag(name = "Scam intelligence")
class ScamController {
  private static final String PROBLEM = "application/problem+json";
  private final ScamIntelligence intelligence;

  ScamController(ScamIntelligence intelligence) {
    this.intelligence = intelligence;
  }

  /** Body of a check. */
  record CheckRequest(
      @Schema(description = "1 to 100 indicators: {kind, value}") List<ScamIntelligence.CheckItem> indicators) {}

  /** Body of a dispute. */
  record DisputeRequest(String kind, String value, String reason) {}

  @PostMapping(path = "/v1/checks", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Check indicators before money moves",
      description =
          "For each indicator (phone, bank-account, payment-proxy, url, domain, email, crypto-wallet, handle, ip): its"
              + " risk (high, medium, low, no-record; no-record never means safe), the reasons, report categories,"
              + " and a warning for the customer in English and Traditional Chinese. Links are also judged by their"
              + " host and registrable domain. Your private reports count for you only.")
  @ApiResponse(responseCode = "200", description = "One result per indicator, in order")
  @ApiResponse(responseCode = "400", description = "validation-failed: names the first bad indicator's index", content = @Content(mediaType = PROBLEM))
  Map<String, Object> check(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @RequestBody CheckRequest body) {
    if (body == null) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The body is {\"indicators\": [...]}.", Map.of("field", "indicators"));
    }
    return Map.of("results", intelligence.check(tenant, body.indicators()));
  }

  /** Body of a message assessment. */
  record MessageRequest(@Schema(description = "The SMS or chat message, at most 5000 characters") String text) {}

  @PostMapping(path = "/v1/messages/assess", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Assess an SMS or chat message",
      description =
          "Scores the message as a scam lure (probability, and the features that drove it), checks every link and"
              + " phone number in it (links also for lookalikes of protected brands), and answers a level (high,"
              + " medium, low) with a warning in English and Traditional Chinese.")
  @ApiResponse(responseCode = "200", description = "The assessment")
  @ApiResponse(responseCode = "400", description = "validation-failed", content = @Content(mediaType = PROBLEM))
  Map<String, Object> assessMessage(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @RequestBody MessageRequest body) {
    if (body == null) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The body is {\"text\": \"...\"}.", Map.of("field", "text"));
    }
    return intelligence.assessMessage(tenant, body.text());
  }

  @PostMapping(path = "/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Report an indicator used in a scam",
      description =
          "Files your institution's report (kind, value, optional category, reference, shared, reportedAt). shared"
              + " (default true) lets every institution's checks count it; false keeps it to yours. The same reference"
              + " again (by default the indicator itself) is answered 200 with nothing added.")
  @ApiResponse(responseCode = "201", description = "Filed")
  @ApiResponse(responseCode = "200", description = "Filed before with this reference")
  @ApiResponse(responseCode = "400", description = "validation-failed", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "409", description = "report-conflict", content = @Content(mediaType = PROBLEM))
  ResponseEntity<Map<String, Object>> report(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @RequestBody ScamIntelligence.ReportInput body) {
    Map<String, Object> view = intelligence.report(tenant, body);
    return ResponseEntity.status(Boolean.TRUE.equals(view.get("created")) ? HttpStatus.CREATED : HttpStatus.OK).body(view);
  }

  @PostMapping(path = "/v1/disputes", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Contest a reported indicator",
      description =
          "Opens a dispute (kind, value, reason) of an indicator you believe genuine. The deployment's operator"
              + " clears or rejects it; clearing sets aside the reports made before. Every step is audited.")
  @ApiResponse(responseCode = "201", description = "Opened")
  @ApiResponse(responseCode = "400", description = "validation-failed", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "404", description = "not-found: nothing is reported about the indicator", content = @Content(mediaType = PROBLEM))
  ResponseEntity<Map<String, Object>> dispute(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @RequestBody DisputeRequest body) {
    if (body == null) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The body is {kind, value, reason}.", Map.of("field", "kind"));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(intelligence.dispute(tenant, body.kind(), body.value(), body.reason()));
  }
}
