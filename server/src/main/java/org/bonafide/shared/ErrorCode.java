package org.bonafide.shared;

/**
 * The one catalogue of errors the service can answer with. Each code is stable: integrators match
 * on {@link #code()}, so a code is never renamed or reused once released.
 */
public enum ErrorCode {
  UNAUTHENTICATED("unauthenticated", 401, "Missing or invalid API key"),
  NOT_FOUND("not-found", 404, "Resource not found"),
  VALIDATION_FAILED("validation-failed", 400, "Request is not valid"),
  MISSING_PART("missing-part", 400, "A required multipart part is missing"),
  INVALID_TEXT("invalid-text", 400, "Text contains a NUL character or is not valid Unicode"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
  PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
  IMAGE_TOO_LARGE("image-too-large", 413, "Image exceeds the byte limit"),
  IMAGE_TOO_MANY_PIXELS("image-too-many-pixels", 422, "Image exceeds the pixel limit"),
  IMAGE_UNREADABLE("image-unreadable", 422, "Image cannot be decoded"),
  IMAGE_FORMAT_UNSUPPORTED("image-format-unsupported", 415, "Image format not supported"),
  NO_FACE("no-face", 422, "No face found in the image"),
  MULTIPLE_FACES("multiple-faces", 422, "Several faces found in the image"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
  RATE_LIMITED("rate-limited", 429, "Too many requests from this address; try again shortly"),
  SERVICE_BUSY("service-busy", 503, "Too many analyses in progress"),
  DATABASE_UNAVAILABLE("database-unavailable", 503, "The database cannot be reached; try again shortly"),
  WRONG_SESSION("wrong-session", 403, "The token belongs to another session"),
  SESSION_EXPIRED("session-expired", 410, "The session has expired"),
  CAPTURE_TOKEN_USED("capture-token-used", 409, "The capture link has already been used"),
  ALREADY_SUBMITTED("already-submitted", 409, "The session's capture has already been submitted"),
  UPLOAD_INCOMPLETE("upload-incomplete", 409, "Frames are missing from the upload"),
  CHALLENGE_MISMATCH("challenge-mismatch", 409, "The submission answers another challenge"),
  FRAME_CONFLICT("frame-conflict", 409, "A different frame with this index was already received"),
  TOO_MANY_FRAMES("too-many-frames", 422, "The capture has more frames than allowed"),
  TOO_MANY_DOCUMENTS("too-many-documents", 409, "The session has received as many documents as it accepts"),
  CHIP_DATA_UNSUPPORTED("chip-data-unsupported", 422, "The chip data is not a file a document chip holds"),
  APPLICATION_CONFLICT(
      "application-conflict", 409, "An application with this reference was recorded with other content"),
  REPORT_CONFLICT("report-conflict", 409, "A report with this reference names another indicator"),
  DISPUTE_RESOLVED("dispute-resolved", 409, "The dispute has already been resolved"),
  NOT_RECORDED("not-recorded", 409, "The session was not recorded, or its recording was deleted"),
  INTERNAL("internal-error", 500, "Internal error");

  private final String code;
  private final int status;
  private final String title;

  ErrorCode(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  /** Stable machine-readable code, also the last segment of the problem {@code type} URI. */
  public String code() {
    return code;
  }

  /** HTTP status this error is answered with. */
  public int status() {
    return status;
  }

  /** Short human-readable summary, the same for every occurrence. */
  public String title() {
    return title;
  }
}
