package org.bonafide.session;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Sessions as the institution's backend sees them, with its API key. */
@RestController
@RequestMapping("/v1/sessions")
@Tag(name = "Sessions", description = "Verification sessions: challenge, capture, outcome")
class SessionController {
  static final String PROBLEM = "application/problem+json";

  private final SessionService sessions;
  private final SessionProperties properties;
  private final JsonMapper json;

  SessionController(SessionService sessions, SessionProperties properties, JsonMapper json) {
    this.sessions = sessions;
    this.properties = properties;
    this.json = json;
  }

  /** Body of a session creation. */
  record CreateSession(
      @Schema(description = "The institution's own reference for the applicant (at most 200 characters)")
          String applicantReference,
      @Schema(description = "Challenge policy: standard (default), strict or basic") String policy,
      @Schema(description = "Keep the raw frames so the capture can be downloaded as a session folder")
          Boolean record) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Open a verification session",
      description =
          "Draws a random challenge, signs it, and returns it with a capture URL holding a single-use capture token."
              + " Send the applicant to the URL, or give the token to your app.")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "400", description = "validation-failed", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "401", description = "unauthenticated", content = @Content(mediaType = PROBLEM))
  ResponseEntity<Map<String, Object>> create(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @RequestBody(required = false) CreateSession body) {
    return created(tenant, body == null ? new CreateSession(null, null, null) : body, null);
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Open a verification session with a reference photo",
      description =
          "As the JSON form, with a reference face image (JPEG, PNG or WebP) that the live face must match, and the"
              + " other fields as a JSON part named session.")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(
      responseCode = "400",
      description = "validation-failed, missing-part",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "401", description = "unauthenticated", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "413", description = "image-too-large", content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "415",
      description = "image-format-unsupported",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "422",
      description = "no-face, image-unreadable, image-too-many-pixels",
      content = @Content(mediaType = PROBLEM))
  ResponseEntity<Map<String, Object>> createWithReference(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @Parameter(description = "The reference face image", schema = @Schema(type = "string", format = "binary"))
          @RequestPart("reference")
          Part reference,
      @Parameter(description = "The session fields as JSON", schema = @Schema(implementation = CreateSession.class))
          @RequestPart(name = "session", required = false)
          Part session) {
    CreateSession body = new CreateSession(null, null, null);
    if (session != null) {
      try {
        body = json.readValue(bytes(session), CreateSession.class);
      } catch (JacksonException e) {
        throw new BonafideException(
            ErrorCode.VALIDATION_FAILED, "The session part is not valid JSON: " + e.getOriginalMessage(), Map.of("part", "session"));
      }
    }
    return created(tenant, body, bytes(reference));
  }

  private ResponseEntity<Map<String, Object>> created(TenantId tenant, CreateSession body, byte[] reference) {
    SessionService.Created created =
        sessions.create(
            tenant, body.applicantReference(), body.policy(), Boolean.TRUE.equals(body.record()), reference);
    UUID id = created.session().id();
    String base =
        properties.getPublicUrl().isBlank()
            ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
            : properties.getPublicUrl().replaceAll("/+$", "");
    // the token travels in the fragment, which browsers never send to a server or write to its logs
    String captureUrl = base + "/capture/#session=" + id + "&token=" + created.captureToken();
    return ResponseEntity.created(URI.create("/v1/sessions/" + id))
        .body(SessionViews.created(created.session(), captureUrl, created.captureToken()));
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "A session of your institution: state, outcome, reasons, checks and evidence references")
  @ApiResponse(responseCode = "200", description = "The session")
  @ApiResponse(
      responseCode = "404",
      description = "not-found: unknown, or another institution's",
      content = @Content(mediaType = PROBLEM))
  Map<String, Object> get(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant, @PathVariable UUID id) {
    SessionRecord session = sessions.get(tenant, id);
    return SessionViews.full(session, sessions.evidence(id));
  }

  @GetMapping(path = "/{id}/evidence/{evidenceId}", produces = MediaType.IMAGE_JPEG_VALUE)
  @Operation(summary = "An evidence image of a session (audit frame or face crop), until its retention ends")
  @ApiResponse(responseCode = "200", description = "JPEG")
  @ApiResponse(responseCode = "404", description = "not-found", content = @Content(mediaType = PROBLEM))
  ResponseEntity<byte[]> evidence(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      @PathVariable UUID evidenceId) {
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_JPEG)
        .header("Cache-Control", "no-store")
        .body(sessions.evidenceImage(tenant, id, evidenceId));
  }

  static byte[] bytes(Part part) {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read an uploaded part", e);
    }
  }
}
