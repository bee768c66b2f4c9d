package org.bonafide.scamintel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public check page's endpoints: no API key, rate limited per address, and only shared
 * reports count (no institution's private report is ever visible here).
 */
@RestController
@Tag(name = "Public check")
class PublicCheckController {
  private static final String PROBLEM = "application/problem+json";
  private final ScamIntelligence intelligence;
  private final PublicRateLimiter limiter;

  PublicCheckController(ScamIntelligence intelligence, PublicRateLimiter limiter) {
    this.intelligence = intelligence;
    this.limiter = limiter;
  }

  /** One indicator to check. */
  record Check(String kind, String value) {}

  /** A message to check. */
  record Message(String text) {}

  @PostMapping(path = "/public/checks", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Check a number, account or link (public)",
      description = "For the public check page: one indicator, shared reports only, rate limited per address.")
  @ApiResponse(responseCode = "200", description = "The check result")
  @ApiResponse(responseCode = "400", description = "validation-failed", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "429", description = "rate-limited", content = @Content(mediaType = PROBLEM))
  Map<String, Object> check(@RequestBody Check body, HttpServletRequest request) {
    limiter.acquire(request.getRemoteAddr());
    if (body == null) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The body is {kind, value}.", Map.of("field", "kind"));
    }
    return intelligence.check(null, List.of(new ScamIntelligence.CheckItem(body.kind(), body.value()))).get(0);
  }

  @PostMapping(path = "/public/messages", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Check a message (public)",
      description = "For the public check page: a message's assessment, shared reports only, rate limited per address.")
  @ApiResponse(responseCode = "200", description = "The assessment")
  @ApiResponse(responseCode = "400", description = "validation-failed", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "429", description = "rate-limited", content = @Content(mediaType = PROBLEM))
  Map<String, Object> message(@RequestBody Message body, HttpServletRequest request) {
    limiter.acquire(request.getRemoteAddr());
    if (body == null) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The body is {text}.", Map.of("field", "text"));
    }
    return intelligence.assessMessage(null, body.text());
  }
}
