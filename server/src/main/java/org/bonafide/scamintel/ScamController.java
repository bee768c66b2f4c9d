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

  /** Largest feed accepted over HTTP; bigger feeds go through the {@code intel import} command. */
  static final long MAX_IMPORT_BYTES = 50L * 1024 * 1024;

  @PostMapping(path = "/v1/reports/import", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Import your institution's reports in bulk",
      description =
          "The body is a feed: text/csv with the header kind,value[,category,reference,reportedAt,trust], or"
              + " application/x-ndjson (JSON Lines) with the same keys; at most 50 MB. Each row is your report; rows that"
              + " are not reports are listed (the first 100, with line and reason) and counted, and the others are"
              + " stored. Importing the same feed again adds nothing. ?shared=false keeps the reports to your checks.")
  @ApiResponse(responseCode = "200", description = "rows, imported, duplicates, rejected, rejections")
  @ApiResponse(responseCode = "400", description = "validation-failed: the header is unusable", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "413", description = "payload-too-large", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "415", description = "unsupported-media-type", content = @Content(mediaType = PROBLEM))
  ScamIntelligence.ImportSummary importReports(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @org.springframework.web.bind.annotation.RequestParam(defaultValue = "true") boolean shared,
      jakarta.servlet.http.HttpServletRequest request)
      throws java.io.IOException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
    FeedRows.Format format;
    if (type.startsWith("text/csv")) {
      format = FeedRows.Format.CSV;
    } else if (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl") || type.startsWith("application/json-lines")) {
      format = FeedRows.Format.JSON_LINES;
    } else {
      throw new BonafideException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A feed is text/csv or application/x-ndjson.");
    }
    if (request.getContentLengthLong() > MAX_IMPORT_BYTES) {
      throw new BonafideException(ErrorCode.PAYLOAD_TOO_LARGE, "A feed over HTTP has at most 50 MB; split it, or use the intel import command.");
    }
    java.io.InputStream limited = com.google.common.io.ByteStreams.limit(request.getInputStream(), MAX_IMPORT_BYTES + 1);
    byte[] body = limited.readAllBytes();
    if (body.length > MAX_IMPORT_BYTES) {
      throw new BonafideException(ErrorCode.PAYLOAD_TOO_LARGE, "A feed over HTTP has at most 50 MB; split it, or use the intel import command.");
    }
    try {
      return intelligence.importFeed(
          new java.io.InputStreamReader(new java.io.ByteArrayInputStream(body), java.nio.charset.StandardCharsets.UTF_8),
          format,
          ReportSource.INSTITUTION,
          tenant.value().toString(),
          tenant,
          shared,
          1.0,
          rows -> {});
    } catch (IllegalArgumentException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The feed cannot be read: " + e.getMessage() + ".", Map.of("field", "header"));
    }
  }

  @org.springframework.web.bind.annotation.GetMapping(path = "/v1/indicators/export", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Export shared indicators for partners",
      description =
          "Indicators with shared reports, and their risk as every institution sees it (no reporter, no private"
              + " report), in pages: pass the last id as after.")
  @ApiResponse(responseCode = "200", description = "indicators and next (the after of the next page, absent at the end)")
  Map<String, Object> export(
      @org.springframework.web.bind.annotation.RequestParam(required = false) java.util.UUID after,
      @org.springframework.web.bind.annotation.RequestParam(defaultValue = "1000") int limit) {
    List<Map<String, Object>> page = intelligence.export(after, limit);
    Map<String, Object> view = new java.util.LinkedHashMap<>();
    view.put("indicators", page);
    if (page.size() == limit) {
      view.put("next", page.get(page.size() - 1).get("id"));
    }
    return view;
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
