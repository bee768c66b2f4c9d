package org.bonafide.biometrics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Part;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

/** 1:1 face comparison over HTTP. */
@RestController
@RequestMapping("/v1/faces")
@Tag(name = "Faces", description = "Face comparison")
class FaceComparisonController {
  private static final String PROBLEM = "application/problem+json";

  private final FaceComparisonService comparisons;
  private final MultipleFacesPolicy defaultPolicy;

  FaceComparisonController(FaceComparisonService comparisons, FaceProperties properties) {
    this.comparisons = comparisons;
    this.defaultPolicy = properties.getMultipleFaces();
  }

  @PostMapping(
      path = "/compare",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Compare the faces on two images",
      description =
          "Detects the face on each image (JPEG, PNG or WebP, recognised by its bytes), compares"
              + " them and records the result (image hashes and measurements, never the images)."
              + " match is score >= threshold.")
  @ApiResponse(responseCode = "201", description = "Compared and recorded")
  @ApiResponse(
      responseCode = "400",
      description = "missing-part, validation-failed",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(responseCode = "401", description = "unauthenticated", content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "413",
      description = "image-too-large, payload-too-large",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "415",
      description = "unsupported-media-type, image-format-unsupported",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "422",
      description = "no-face, multiple-faces, image-unreadable, image-too-many-pixels",
      content = @Content(mediaType = PROBLEM))
  ResponseEntity<FaceComparison> compare(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @Parameter(
              description = "The trusted image, e.g. the ID document portrait (JPEG, PNG or WebP)",
              schema = @Schema(type = "string", format = "binary"))
          @RequestPart(FaceComparisonService.REFERENCE)
          Part reference,
      @Parameter(
              description = "The image to check, e.g. a selfie (JPEG, PNG or WebP)",
              schema = @Schema(type = "string", format = "binary"))
          @RequestPart(FaceComparisonService.PROBE)
          Part probe,
      @Parameter(
              description = "Images with several faces: use the most prominent (largest, discounted by distance from the centre), or refuse them. Default from"
                  + " bonafide.face.multiple-faces.",
              schema = @Schema(allowableValues = {"most-prominent", "refuse"}))
          @RequestParam(name = "multipleFaces", required = false)
          String multipleFaces) {
    MultipleFacesPolicy policy = policy(multipleFaces);
    checkDeclaredType(FaceComparisonService.REFERENCE, reference.getContentType());
    checkDeclaredType(FaceComparisonService.PROBE, probe.getContentType());
    FaceComparison result = comparisons.compare(tenant, bytes(reference), bytes(probe), policy);
    return ResponseEntity.created(URI.create("/v1/faces/comparisons/" + result.id())).body(result);
  }

  @GetMapping(path = "/comparisons/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "A recorded comparison of your institution")
  @ApiResponse(responseCode = "200", description = "The comparison")
  @ApiResponse(
      responseCode = "404",
      description = "not-found: unknown, or another institution's",
      content = @Content(mediaType = PROBLEM))
  FaceComparison comparison(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @PathVariable UUID id) {
    // another tenant's comparison answers exactly as an unknown id: its existence is not disclosed
    return comparisons
        .find(tenant, id)
        .orElseThrow(
            () -> new BonafideException(ErrorCode.NOT_FOUND, "No comparison " + id + " exists.", Map.of()));
  }

  private MultipleFacesPolicy policy(String value) {
    if (value == null || value.isEmpty()) {
      return defaultPolicy;
    }
    return MultipleFacesPolicy.parse(value)
        .orElseThrow(
            () ->
                new BonafideException(
                    ErrorCode.VALIDATION_FAILED,
                    "multipleFaces must be 'most-prominent' or 'refuse'.",
                    Map.of("parameter", "multipleFaces")));
  }

  /**
   * Refuses a part its sender declared as something other than an image. Whatever passes here,
   * the engine still recognises the format from the bytes; a declared type is never trusted.
   */
  static void checkDeclaredType(String part, String declared) {
    if (declared == null || declared.isBlank()) {
      return;
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(declared);
    } catch (InvalidMediaTypeException e) {
      throw notAnImage(part);
    }
    if ("image".equalsIgnoreCase(type.getType()) || type.isCompatibleWith(MediaType.APPLICATION_OCTET_STREAM)) {
      return;
    }
    throw notAnImage(part);
  }

  private static BonafideException notAnImage(String part) {
    return new BonafideException(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "The "
            + part
            + " part is declared as something other than an image; send JPEG, PNG or WebP bytes"
            + " (as image/* or application/octet-stream).",
        Map.of("part", part));
  }

  /** A servlet {@link Part}, not a MultipartFile: some clients send the image without a filename. */
  private static byte[] bytes(Part part) {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read an uploaded part", e);
    }
  }
}
