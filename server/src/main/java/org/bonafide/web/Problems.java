package org.bonafide.web;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.bonafide.shared.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the one problem document shape: RFC 9457 members plus {@code code} and extra members. */
final class Problems {
  /**
   * Problem types are identifiers, not links: a URN keeps them stable without tying them to a web
   * site someone would have to keep running.
   */
  static final String TYPE_PREFIX = "urn:bonafide:problem:";

  private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance", "code");

  private Problems() {}

  static URI type(ErrorCode code) {
    return URI.create(TYPE_PREFIX + code.code());
  }

  static ProblemDetail problem(ErrorCode code, String detail, Map<String, ?> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.status()), detail);
    problem.setType(type(code));
    problem.setTitle(code.title());
    problem.setProperty("code", code.code());
    properties.forEach(
        (name, value) -> {
          if (!RESERVED.contains(name)) {
            problem.setProperty(name, value);
          }
        });
    return problem;
  }

  static ResponseEntity<Object> response(ErrorCode code, String detail, Map<String, ?> properties, HttpHeaders headers) {
    HttpHeaders out = new HttpHeaders();
    out.putAll(headers);
    out.remove(HttpHeaders.CONTENT_TYPE);
    out.remove(HttpHeaders.CONTENT_LENGTH);
    if (code.status() == 401 && !out.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
      // RFC 9110 15.5.2: a 401 names the scheme to authenticate with
      out.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    // A preset content type is written as is, whatever the Accept header asks for: an error is
    // always answered, never turned into a 406.
    return ResponseEntity.status(code.status())
        .headers(out)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(code, detail, properties));
  }

  /** The catalogued error for a status Spring or the servlet container chose. */
  static ErrorCode forStatus(int status) {
    return switch (status) {
      case 400 -> ErrorCode.VALIDATION_FAILED;
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 406 -> ErrorCode.NOT_ACCEPTABLE;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 400 && status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
    };
  }
}
