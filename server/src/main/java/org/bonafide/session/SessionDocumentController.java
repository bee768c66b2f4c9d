package org.bonafide.session;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bonafide.document.DocumentSubmission;
import org.bonafide.document.NationalIdValidator;
import org.bonafide.document.NationalIds;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The identity document of a session, posted by the institution's backend with its API key. */
@RestController
@RequestMapping("/v1/sessions")
@Tag(name = "Sessions", description = "Verification sessions: challenge, capture, outcome")
class SessionDocumentController {
  /** Largest chip file accepted: DG2 with a portrait is tens of kilobytes, never megabytes. */
  static final int MAX_CHIP_FILE_BYTES = 1 << 20;

  private final SessionDocuments documents;
  private final JsonMapper json;

  private final NationalIds nationalIds;

  SessionDocumentController(SessionDocuments documents, JsonMapper json, NationalIds nationalIds) {
    this.documents = documents;
    this.json = json;
    this.nationalIds = nationalIds;
  }

  @PostMapping(
      path = "/{id}/document",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Add an identity document to a session",
      description =
          "Parts: front (the data page or the card's front: JPEG, PNG or WebP), optional back (a card's back), and"
              + " optionally the chip's files as a phone read them: binary parts sod, dg1, dg2, dg11, dg12, dg14, dg15,"
              + " aa-challenge, aa-signature, or one JSON part chip with those names and base64 values (active"
              + " authentication is verified against the session's chipChallenge), and optionally text parts"
              + " nationalIdType (hk-identity-card, cn-resident-identity-card) and nationalIdNumber. The answer is"
              + " the document's outcome, reasons, what was read and every check; the session's view shows the newest"
              + " document. A retry outcome asks for another photo.")
  @ApiResponse(responseCode = "201", description = "The document's analysis")
  @ApiResponse(
      responseCode = "400",
      description = "missing-part, validation-failed",
      content = @Content(mediaType = SessionController.PROBLEM))
  @ApiResponse(responseCode = "404", description = "not-found", content = @Content(mediaType = SessionController.PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description = "too-many-documents",
      content = @Content(mediaType = SessionController.PROBLEM))
  @ApiResponse(
      responseCode = "410",
      description = "session-expired",
      content = @Content(mediaType = SessionController.PROBLEM))
  @ApiResponse(
      responseCode = "413",
      description = "image-too-large, payload-too-large",
      content = @Content(mediaType = SessionController.PROBLEM))
  @ApiResponse(
      responseCode = "415",
      description = "image-format-unsupported",
      content = @Content(mediaType = SessionController.PROBLEM))
  @ApiResponse(
      responseCode = "422",
      description = "image-unreadable, image-too-many-pixels, chip-data-unsupported",
      content = @Content(mediaType = SessionController.PROBLEM))
  Map<String, Object> post(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id,
      @Parameter(hidden = true) HttpServletRequest request) {
    Part front = part(request, "front");
    if (front == null) {
      throw new BonafideException(
          ErrorCode.MISSING_PART, "The document's photo is missing: send it as the part named front.", Map.of("part", "front"));
    }
    Part back = part(request, "back");
    Map<String, byte[]> chip = new LinkedHashMap<>();
    Part chipJson = part(request, "chip");
    if (chipJson != null) {
      chip.putAll(chipFromJson(SessionController.bytes(chipJson)));
    }
    for (String name : DocumentSubmission.CHIP_FILES) {
      Part file = part(request, name);
      if (file != null) {
        chip.put(name, chipFile(name, SessionController.bytes(file)));
      }
    }
    DocumentSubmission submission =
        new DocumentSubmission(
            SessionController.bytes(front),
            back == null ? null : SessionController.bytes(back),
            chip,
            nationalId(request),
            null);
    return documents.submit(tenant, id, submission);
  }

  /** The national identity number parts: both or neither, of a known type. */
  private DocumentSubmission.NationalId nationalId(HttpServletRequest request) {
    Part typePart = part(request, "nationalIdType");
    Part numberPart = part(request, "nationalIdNumber");
    if (typePart == null && numberPart == null) {
      return null;
    }
    if (typePart == null || numberPart == null) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "Send nationalIdType and nationalIdNumber together.",
          Map.of("part", typePart == null ? "nationalIdType" : "nationalIdNumber"));
    }
    String type = text(typePart, 64);
    String number = text(numberPart, 64);
    if (nationalIds.byId(type).isEmpty()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "Unknown nationalIdType " + type + "; known: "
              + nationalIds.validators().stream().map(NationalIdValidator::id).toList() + ".",
          Map.of("part", "nationalIdType"));
    }
    return new DocumentSubmission.NationalId(type, number);
  }

  private static String text(Part part, int maxLength) {
    byte[] bytes = SessionController.bytes(part);
    String value = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
    if (value.isEmpty() || value.length() > maxLength) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "Part " + part.getName() + " must hold 1 to " + maxLength + " characters.",
          Map.of("part", part.getName()));
    }
    return value;
  }

  private static Part part(HttpServletRequest request, String name) {
    try {
      return request.getPart(name);
    } catch (IOException | jakarta.servlet.ServletException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The multipart request cannot be read.", Map.of("part", name));
    }
  }

  private Map<String, byte[]> chipFromJson(byte[] body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JacksonException e) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED, "The chip part is not valid JSON: " + e.getOriginalMessage(), Map.of("part", "chip"));
    }
    if (node == null || !node.isObject()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED, "The chip part is a JSON object of base64 files.", Map.of("part", "chip"));
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!DocumentSubmission.CHIP_FILES.contains(name)) {
        throw new BonafideException(
            ErrorCode.CHIP_DATA_UNSUPPORTED,
            "Unknown chip file " + name + "; the chip part names " + DocumentSubmission.CHIP_FILES + ".",
            Map.of("part", "chip", "file", name));
      }
      if (!field.getValue().isString()) {
        throw new BonafideException(
            ErrorCode.VALIDATION_FAILED, "Chip file " + name + " must be a base64 string.", Map.of("part", "chip", "file", name));
      }
      byte[] bytes;
      try {
        // line breaks are allowed (MIME style); any other character outside base64 is an error
        bytes = Base64.getDecoder().decode(field.getValue().asString().replaceAll("[\\r\\n ]", ""));
      } catch (IllegalArgumentException e) {
        throw new BonafideException(
            ErrorCode.VALIDATION_FAILED, "Chip file " + name + " is not valid base64.", Map.of("part", "chip", "file", name));
      }
      files.put(name, chipFile(name, bytes));
    }
    return files;
  }

  private static byte[] chipFile(String name, byte[] bytes) {
    if (bytes.length == 0 || bytes.length > MAX_CHIP_FILE_BYTES) {
      throw new BonafideException(
          ErrorCode.CHIP_DATA_UNSUPPORTED,
          "Chip file " + name + " has " + bytes.length + " bytes; a chip file has 1 to " + MAX_CHIP_FILE_BYTES + ".",
          Map.of("file", name));
    }
    return bytes;
  }
}
