package org.bonafide.session;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bonafide.identitygraph.ApplicationInput;
import org.bonafide.identitygraph.IdentityGraph;
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

/**
 * Applications the institution's backend posts to the identity graph: what the applicant gave
 * (identity, phones, addresses, device, account) and, through one of the tenant's sessions, the
 * face the capture saw.
 */
@RestController
@Tag(name = "Identity graph")
class ApplicationController {
  private final IdentityGraph graph;
  private final SessionService sessions;
  private final SessionDocuments documents;
  private final InstantSource clock;

  ApplicationController(
      IdentityGraph graph,
      SessionService sessions,
      SessionDocuments documents,
      InstantSource clock) {
    this.graph = graph;
    this.sessions = sessions;
    this.documents = documents;
    this.clock = clock;
  }

  @PostMapping(path = "/v1/applications", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Record an application in the identity graph",
      description =
          "Links the application to every other one, across institutions, that shares an identifier or the face,"
              + " and answers with the links (counts only across institutions) and the reuse signals. Identifiers"
              + " are stored only as keyed hashes. The same reference with the same content answers 200 with the"
              + " stored application; with other content, 409. With a sessionId, the session's face, device id and"
              + " observed IP join the application.")
  @ApiResponse(responseCode = "201", description = "Recorded")
  @ApiResponse(responseCode = "200", description = "Recorded before with the same content")
  @ApiResponse(responseCode = "400", description = "validation-failed", content = @Content(mediaType = SessionController.PROBLEM))
  @ApiResponse(responseCode = "404", description = "not-found: the session", content = @Content(mediaType = SessionController.PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description = "application-conflict",
      content = @Content(mediaType = SessionController.PROBLEM))
  ResponseEntity<Map<String, Object>> record(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @RequestBody ApplicationInput body) {
    if (body == null) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The body is an application object.", Map.of("field", "reference"));
    }
    float[] face = null;
    Map<String, Object> telemetry = null;
    if (body.sessionId() != null) {
      telemetry = sessions.get(tenant, body.sessionId()).telemetry();
      face = documents.liveEmbedding(body.sessionId()).orElse(null);
    }
    IdentityGraph.Recorded recorded =
        graph.record(
            tenant,
            SessionDevice.withSession(body.toApplication(clock.instant().truncatedTo(ChronoUnit.MICROS), face), telemetry));
    if (body.sessionId() != null) {
      documents.flagIfFailed(tenant, body.sessionId());
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", recorded.id());
    view.put("reference", body.reference());
    view.put("face", face != null);
    view.put("links", recorded.links());
    view.put("signals", recorded.signals());
    return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
  }
}
