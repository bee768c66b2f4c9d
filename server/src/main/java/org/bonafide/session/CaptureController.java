package org.bonafide.session;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.bonafide.shared.TextInput;
import org.springframework.http.HttpStatus;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The capture protocol, for the capture page and native apps: redeem the capture token, upload
 * frames in chunks, submit once, and wait for the outcome. Each call takes the session's own token
 * (or the tenant's API key, for a backend that drives the capture itself).
 */
@RestController
@RequestMapping("/v1/sessions/{id}")
@Tag(name = "Capture", description = "Capture protocol for the capture page and native apps")
class CaptureController {
  private static final String PROBLEM = SessionController.PROBLEM;

  private final SessionService sessions;
  private final SessionAnalysis analysis;
  private final SessionProperties properties;
  private final JsonMapper json;

  CaptureController(SessionService sessions, SessionAnalysis analysis, SessionProperties properties, JsonMapper json) {
    this.sessions = sessions;
    this.analysis = analysis;
    this.properties = properties;
    this.json = json;
  }

  @PostMapping(path = "/capture", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Redeem the capture token (Authorization: Bearer bfc_...)",
      description =
          "Works once. Returns the challenge to perform and the upload token for the following calls.")
  @ApiResponse(responseCode = "200", description = "The challenge and the upload token")
  @ApiResponse(responseCode = "401", description = "unauthenticated", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "403", description = "wrong-session", content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description = "capture-token-used, already-submitted",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "410", description = "session-expired", content = @Content(mediaType = PROBLEM))
  Map<String, Object> capture(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      HttpServletRequest request) {
    authorize(request, id, SessionCredential.Kind.CAPTURE, false);
    SessionService.CaptureGrant grant = sessions.redeemCaptureToken(tenant, id);
    return SessionViews.grant(grant.session(), grant.uploadToken(), properties);
  }

  @PostMapping(
      path = "/preview",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Live feedback on one frame while the applicant lines up",
      description = "Counts the faces and lists the main face's quality issues. Not part of the analysis.")
  @ApiResponse(responseCode = "200", description = "faces and issues")
  @ApiResponse(responseCode = "503", description = "service-busy", content = @Content(mediaType = PROBLEM))
  Map<String, Object> preview(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      @Parameter(description = "One JPEG frame", schema = @Schema(type = "string", format = "binary"))
          @RequestPart("frame")
          Part frame,
      HttpServletRequest request) {
    authorize(request, id, SessionCredential.Kind.UPLOAD, true);
    return sessions.preview(tenant, id, SessionController.bytes(frame));
  }

  /** The metadata part of a frame upload. */
  record FramesMetadata(List<FrameMetadata> frames, Map<String, Object> telemetry) {}

  /** One frame's metadata: its index, capture time, and what was on screen. */
  record FrameMetadata(Integer index, Long timestampMs, String prompt, String screen) {}

  @PostMapping(
      path = "/frames",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Upload a chunk of frames",
      description =
          "A part named metadata (JSON: frames [{index, timestampMs, prompt, screen}], telemetry {...}) and one part"
              + " named frames per entry, in the same order. All frames of a chunk are stored or none; resending a"
              + " stored frame with the same bytes is accepted.")
  @ApiResponse(responseCode = "200", description = "received: frames stored so far; stored: indices stored now")
  @ApiResponse(
      responseCode = "400",
      description = "validation-failed, missing-part",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description = "frame-conflict, already-submitted",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "410", description = "session-expired", content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "413",
      description = "image-too-large, payload-too-large",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "422",
      description = "too-many-frames, image-unreadable, image-too-many-pixels",
      content = @Content(mediaType = PROBLEM))
  Map<String, Object> frames(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      HttpServletRequest request) {
    authorize(request, id, SessionCredential.Kind.UPLOAD, true);
    Part metadataPart = part(request, "metadata");
    FramesMetadata metadata;
    try {
      metadata = TextInput.requireAll(json.readValue(SessionController.bytes(metadataPart), FramesMetadata.class), TextInput.TOP);
    } catch (JacksonException e) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "The metadata part is not valid JSON: " + e.getOriginalMessage(),
          Map.of("part", "metadata"));
    }
    if (metadata.frames() == null) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED, "metadata.frames lists the frames of this upload.", Map.of("part", "metadata"));
    }
    List<Part> images = parts(request, "frames");
    if (images.size() != metadata.frames().size()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "metadata.frames describes " + metadata.frames().size() + " frames but " + images.size()
              + " frames parts were sent; send one frames part per entry, in the same order.",
          Map.of("part", "frames"));
    }
    List<SessionService.FrameUpload> uploads = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      FrameMetadata frame = metadata.frames().get(i);
      if (frame == null || frame.index() == null || frame.timestampMs() == null) {
        throw new BonafideException(
            ErrorCode.VALIDATION_FAILED,
            "metadata.frames[" + i + "] needs index and timestampMs.",
            Map.of("part", "metadata"));
      }
      uploads.add(
          new SessionService.FrameUpload(
              frame.index(), frame.timestampMs(), frame.prompt(), frame.screen(), SessionController.bytes(images.get(i))));
    }
    // only the documented keys, each bounded (SessionTelemetry); a client's own observedIp is dropped
    Map<String, Object> telemetry = SessionTelemetry.bounded(metadata.telemetry());
    // the address the frames came from, as the service saw it: the client cannot set it
    telemetry.put(SessionDevice.OBSERVED_IP, request.getRemoteAddr());
    return sessions.addFrames(tenant, id, uploads, telemetry);
  }

  /** Body of a submission. */
  record Submission(
      @Schema(description = "Number of frames in the capture: indices 0 to frameCount - 1") Integer frameCount,
      @Schema(description = "The challengeSignature this capture answers") String challengeSignature) {}

  @PostMapping(
      path = "/submit",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Submit the capture for analysis, once",
      description = "Every frame must have arrived. The analysis runs in the background; poll capture-status.")
  @ApiResponse(responseCode = "202", description = "Submitted")
  @ApiResponse(responseCode = "400", description = "validation-failed", content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description = "upload-incomplete (missing lists the frames to resend), already-submitted, challenge-mismatch",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "410", description = "session-expired", content = @Content(mediaType = PROBLEM))
  ResponseEntity<Map<String, Object>> submit(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      @RequestBody Submission submission,
      HttpServletRequest request) {
    authorize(request, id, SessionCredential.Kind.UPLOAD, true);
    if (submission.frameCount() == null) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED, "frameCount is required.", Map.of("parameter", "frameCount"));
    }
    SessionRecord session = sessions.submit(tenant, id, submission.frameCount(), submission.challengeSignature());
    analysis.enqueue(tenant, id);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(SessionViews.captureStatus(session));
  }

  @GetMapping(path = "/capture-status", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "State and outcome for the capture page",
      description = "No reasons beyond retry hints: the page must not coach an attacker.")
  @ApiResponse(responseCode = "200", description = "state, outcome, retryHints")
  Map<String, Object> captureStatus(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      HttpServletRequest request) {
    authorize(request, id, SessionCredential.Kind.UPLOAD, true);
    return SessionViews.captureStatus(sessions.get(tenant, id));
  }

  /**
   * Requires the session's own token of the given kind, or (where allowed) the tenant's API key.
   * The API-key filter already guaranteed a tenant; this checks which session the token is for.
   */
  private static void authorize(
      HttpServletRequest request, UUID session, SessionCredential.Kind kind, boolean apiKeyAllowed) {
    SessionCredential credential = (SessionCredential) request.getAttribute(SessionCredential.REQUEST_ATTRIBUTE);
    if (credential == null) {
      if (apiKeyAllowed) {
        return;
      }
      throw new BonafideException(
          ErrorCode.UNAUTHENTICATED, "This call takes the session's capture token (bfc_...) from the capture URL.");
    }
    if (!credential.session().equals(session)) {
      throw new BonafideException(ErrorCode.WRONG_SESSION, "The token was issued for another session.");
    }
    if (credential.kind() != kind) {
      throw new BonafideException(
          ErrorCode.UNAUTHENTICATED,
          kind == SessionCredential.Kind.CAPTURE
              ? "Redeem the capture token (bfc_...), not the upload token."
              : "This call takes the upload token (bfu_...) that redeeming the capture token returned.");
    }
  }

  private static Part part(HttpServletRequest request, String name) {
    List<Part> parts = parts(request, name);
    if (parts.size() != 1) {
      throw new BonafideException(
          ErrorCode.MISSING_PART, "Send exactly one part named " + name + ".", Map.of("part", name));
    }
    return parts.get(0);
  }

  private static List<Part> parts(HttpServletRequest request, String name) {
    try {
      return request.getParts().stream().filter(p -> name.equals(p.getName())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the upload", e);
    } catch (ServletException e) {
      throw new BonafideException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the frames as multipart/form-data.", Map.of(), e);
    }
  }
}
