package org.bonafide.shared;

import java.util.Map;

/**
 * A failure with a catalogued {@link ErrorCode}; rendered as an RFC 9457 problem response at the HTTP
 * boundary and as a JSON error line by the command line.
 */
public class BonafideException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Property telling a client when to try again; the HTTP layer also sends it as Retry-After. */
  public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

  private final ErrorCode errorCode;
  private final transient Map<String, Object> properties;

  public BonafideException(ErrorCode errorCode, String detail) {
    this(errorCode, detail, Map.of(), null);
  }

  public BonafideException(ErrorCode errorCode, String detail, Map<String, Object> properties) {
    this(errorCode, detail, properties, null);
  }

  public BonafideException(
      ErrorCode errorCode, String detail, Map<String, Object> properties, Throwable cause) {
    super(detail, cause);
    this.errorCode = errorCode;
    this.properties = Map.copyOf(properties);
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Extra problem members (for example {@code part}, {@code limit}); never personal data. */
  public Map<String, Object> properties() {
    return properties;
  }
}
