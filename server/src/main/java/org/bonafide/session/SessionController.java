package org.bonafide.session;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.ImageFormat;
import org.bonafide.shared.TenantId;
import org.bonafide.shared.TextInput;
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
  private final SessionDocuments documents;

  SessionController(SessionService sessions, SessionProperties properties, JsonMapper json, SessionDocuments documents) {
    this.sessions = sessions;
    this.documents = documents;
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
        body = TextInput.requireAll(json.readValue(bytes(session), CreateSession.class), TextInput.TOP);
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
    Map<String, Object> view = new LinkedHashMap<>(SessionViews.created(created.session(), captureUrl, created.captureToken()));
    // the 8 bytes a document chip's active authentication must sign for this session
    view.put("chipChallenge", Base64.getEncoder().encodeToString(documents.chipChallenge(id)));
    return ResponseEntity.created(URI.create("/v1/sessions/" + id)).body(view);
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
    Map<String, Object> view = SessionViews.full(session, sessions.evidence(id));
    view.put("chipChallenge", Base64.getEncoder().encodeToString(documents.chipChallenge(id)));
    view.put("document", documents.latestView(id));
    return view;
  }

  @GetMapping(
      path = "/{id}/evidence/{evidenceId}",
      produces = {MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_PNG_VALUE})
  @Operation(
      summary =
          "An evidence image of a session (audit frame, face crop, a document check's heat map), until its retention"
              + " ends")
  @ApiResponse(responseCode = "200", description = "JPEG (frames, crops) or PNG (heat maps)")
  @ApiResponse(responseCode = "404", description = "not-found", content = @Content(mediaType = PROBLEM))
  ResponseEntity<byte[]> evidence(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      @PathVariable UUID evidenceId) {
    byte[] image = sessions.evidenceImage(tenant, id, evidenceId);
    boolean png = ImageFormat.PNG.equals(ImageFormat.sniff(image));
    return ResponseEntity.ok()
        .contentType(png ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG)
        .header("Cache-Control", "no-store")
        .body(image);
  }

  @GetMapping(path = "/{id}/recording", produces = "application/zip")
  @Operation(
      summary = "A recorded capture as a session folder (zip), labelled bona fide",
      description =
          "For sessions created with record: true, after submission and until their retention ends. The zip holds"
              + " session.json and the frames in the session folder format (docs/formats.md).")
  @ApiResponse(responseCode = "200", description = "The session folder as a zip")
  @ApiResponse(responseCode = "404", description = "not-found", content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "409", description = "not-recorded", content = @Content(mediaType = PROBLEM))
  ResponseEntity<byte[]> recording(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant, @PathVariable UUID id) {
    SessionFolder folder = sessions.recording(tenant, id);
    String name = "session-" + id;
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header("Content-Disposition", "attachment; filename=\"" + name + ".zip\"")
        .header("Cache-Control", "no-store")
        .body(zip(folder, name));
  }

  private static byte[] zip(SessionFolder folder, String name) {
    // built in memory (a few megabytes): a failure is still a problem response, not a cut-off download
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      folder.writeZip(out, name);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the recording", e);
    }
    return out.toByteArray();
  }

  static byte[] bytes(Part part) {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read an uploaded part", e);
    }
  }
}
