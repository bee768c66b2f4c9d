package org.bonafide.identitygraph;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flags on the tenant's own applications: found fraudulent, a mule account, a stolen identity. A
 * flag raises the scam indicators the application carries for every institution, which sees only
 * that some application carrying the indicator was flagged.
 */
@RestController
@Tag(name = "Identity graph")
class ApplicationFlagController {
  private static final String PROBLEM = "application/problem+json";
  private final IdentityGraph graph;
  private final InstantSource clock;

  ApplicationFlagController(IdentityGraph graph, InstantSource clock) {
    this.graph = graph;
    this.clock = clock;
  }

  /**
   * A flag to set.
   *
   * @param flag confirmed-fraud, mule-account, identity-theft or failed-verification
   * @param note the analyst's note, kept in the flag's history (at most 500 characters)
   */
  record FlagInput(String flag, String note) {}

  @GetMapping(path = "/v1/applications/{id}/flag", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "An application's flag", description = "The flag (null when none) and every time it was set or cleared.")
  @ApiResponse(responseCode = "200", description = "The flag and its history")
  @ApiResponse(responseCode = "404", description = "not-found: not one of your applications", content = @Content(mediaType = PROBLEM))
  Map<String, Object> get(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant, @PathVariable UUID id) {
    return graph.flagView(tenant, id);
  }

  @PutMapping(path = "/v1/applications/{id}/flag", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Flag an application",
      description =
          "Marks one of your applications (its id as POST /v1/applications answered) as confirmed-fraud,"
              + " mule-account or identity-theft. The bank account, phone and email it carries are then medium risk"
              + " in every institution's checks (reason opened-by-flagged-application); other institutions see the"
              + " count, never the application. Sessions that fail verification flag their applications themselves"
              + " (failed-verification).")
  @ApiResponse(responseCode = "200", description = "Flagged; the flag and its history")
  @ApiResponse(responseCode = "400", description = "validation-failed: flag or note", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "404", description = "not-found: not one of your applications", content = @Content(mediaType = PROBLEM))
  Map<String, Object> put(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      @RequestBody FlagInput body) {
    String code = body == null ? null : body.flag();
    ApplicationFlag flag =
        ApplicationFlag.fromCode(code == null ? "" : code)
            .orElseThrow(
                () ->
                    new BonafideException(
                        ErrorCode.VALIDATION_FAILED,
                        "flag is one of " + Arrays.stream(ApplicationFlag.values()).map(ApplicationFlag::code).toList() + ".",
                        Map.of("field", "flag")));
    return graph.flag(tenant, id, flag, body.note(), clock.instant().truncatedTo(ChronoUnit.MICROS));
  }

  @DeleteMapping(path = "/v1/applications/{id}/flag", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Clear an application's flag",
      description = "For a flag found wrong on review; the clearing and its note are kept in the history.")
  @ApiResponse(responseCode = "200", description = "Cleared; the history")
  @ApiResponse(responseCode = "404", description = "not-found: not one of your applications", content = @Content(mediaType = PROBLEM))
  Map<String, Object> clear(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      @RequestParam(required = false) String note) {
    return graph.clearFlag(tenant, id, note, clock.instant().truncatedTo(ChronoUnit.MICROS));
  }
}
