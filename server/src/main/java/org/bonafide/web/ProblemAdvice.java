package org.bonafide.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every error as {@code application/problem+json} with a catalogued {@code code}. Bad input
 * is a 4xx that says what was wrong; anything else is a 500 whose detail says nothing about the
 * internals (the stack trace goes to the log).
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  static final String INTERNAL_DETAIL = "The service could not complete the request. It has been logged.";
  static final long DATABASE_RETRY_AFTER_SECONDS = 5;

  /**
   * Whether the failure is the database being out of reach (no connection within the pool's
   * timeout, a connection lost), not a fault in a request or in Bonafide.
   */
  static boolean databaseUnreachable(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.springframework.dao.DataAccessResourceFailureException
          || t instanceof org.springframework.transaction.CannotCreateTransactionException
          || t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
        return true;
      }
    }
    return false;
  }

  private final ObjectProvider<MultipartProperties> multipart;

  ProblemAdvice(ObjectProvider<MultipartProperties> multipart) {
    this.multipart = multipart;
  }

  @ExceptionHandler(BonafideException.class)
  ResponseEntity<Object> handleBonafide(BonafideException ex, WebRequest request) {
    if (committed(request)) {
      return null;
    }
    ErrorCode code = ex.errorCode();
    if (code == ErrorCode.INTERNAL) {
      log.error("Request failed: {}", ex.getMessage(), ex);
      return Problems.response(code, INTERNAL_DETAIL, Map.of(), HttpHeaders.EMPTY);
    }
    log.debug("Request refused with {}: {}", code.code(), ex.getMessage());
    HttpHeaders headers = new HttpHeaders();
    if (ex.properties().get(BonafideException.RETRY_AFTER_SECONDS) instanceof Number seconds) {
      headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
    }
    return Problems.response(code, ex.getMessage(), ex.properties(), headers);
  }

  /** A multipart body that cannot be parsed (the size limit has its own handler above). */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
    if (committed(request)) {
      return null;
    }
    log.debug("Unreadable multipart request", ex);
    return Problems.response(
        ErrorCode.VALIDATION_FAILED,
        "The multipart/form-data body cannot be read.",
        Map.of(),
        HttpHeaders.EMPTY);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
    if (databaseUnreachable(ex)) {
      log.warn("Request failed: the database cannot be reached ({})", ex.toString());
      if (committed(request)) {
        return null;
      }
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS));
      return Problems.response(
          ErrorCode.DATABASE_UNAVAILABLE,
          "The database cannot be reached, or gave no connection in time; nothing was changed. Try again shortly.",
          Map.of(),
          headers);
    }
    log.error("Unexpected error", ex);
    if (committed(request)) {
      return null;
    }
    return Problems.response(ErrorCode.INTERNAL, INTERNAL_DETAIL, Map.of(), HttpHeaders.EMPTY);
  }

  /** Spring MVC's own exceptions, which the base class has already given a status and headers. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (committed(request)) {
      return null;
    }
    ErrorCode code = errorCodeFor(ex, statusCode.value());
    if (code.status() >= 500) {
      log.error("Request failed in Spring MVC", ex);
      return Problems.response(code, INTERNAL_DETAIL, Map.of(), headers);
    }
    log.debug("Request refused with {}", code.code(), ex);
    if (ex instanceof MaxUploadSizeExceededException) {
      return tooLarge(headers);
    }
    return Problems.response(code, detailFor(ex, code), propertiesFor(ex), headers);
  }

  /** The servlet container does not say which limit was hit; the answer names both. */
  private ResponseEntity<Object> tooLarge(HttpHeaders headers) {
    MultipartProperties limits = multipart.getIfAvailable();
    if (limits == null) {
      return Problems.response(
          ErrorCode.PAYLOAD_TOO_LARGE, "The request is larger than the upload limit.", Map.of(), headers);
    }
    long file = limits.getMaxFileSize().toBytes();
    long request = limits.getMaxRequestSize().toBytes();
    return Problems.response(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "The upload is too large: a part may have at most "
            + file
            + " bytes and the whole request at most "
            + request
            + " bytes.",
        Map.of("maxPartBytes", file, "maxRequestBytes", request),
        headers);
  }

  /** The catalogued error for one of Spring MVC's exceptions. */
  static ErrorCode errorCodeFor(Exception ex, int status) {
    if (ex instanceof MaxUploadSizeExceededException) {
      return ErrorCode.PAYLOAD_TOO_LARGE;
    }
    if (ex instanceof HttpMediaTypeNotSupportedException) {
      return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException) {
      return ErrorCode.NOT_ACCEPTABLE;
    }
    if (ex instanceof MissingServletRequestPartException) {
      return ErrorCode.MISSING_PART;
    }
    if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
      return ErrorCode.NOT_FOUND;
    }
    if (ex instanceof HttpRequestMethodNotSupportedException) {
      return ErrorCode.METHOD_NOT_ALLOWED;
    }
    if (ex instanceof MethodArgumentTypeMismatchException mismatch
        && mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
      // /things/not-an-id names no thing, exactly as /things/unknown-id does
      return ErrorCode.NOT_FOUND;
    }
    return Problems.forStatus(status);
  }

  private static String detailFor(Exception ex, ErrorCode code) {
    if (code == ErrorCode.NOT_FOUND && ex instanceof MethodArgumentTypeMismatchException mismatch) {
      return "Nothing exists here: '" + abbreviate(String.valueOf(mismatch.getValue())) + "' is not a valid "
          + mismatch.getName() + ".";
    }
    if (ex instanceof MissingServletRequestPartException missing) {
      return "The multipart part '" + missing.getRequestPartName() + "' is required.";
    }
    if (ex instanceof MissingServletRequestParameterException missing) {
      return "The parameter '" + missing.getParameterName() + "' is required.";
    }
    if (ex instanceof ErrorResponse response && response.getBody().getDetail() != null) {
      return response.getBody().getDetail();
    }
    return code.title() + ".";
  }

  private static Map<String, Object> propertiesFor(Exception ex) {
    Map<String, Object> properties = new LinkedHashMap<>();
    if (ex instanceof MissingServletRequestPartException missing) {
      properties.put("part", missing.getRequestPartName());
    }
    if (ex instanceof MissingServletRequestParameterException missing) {
      properties.put("parameter", missing.getParameterName());
    }
    return properties;
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }

  private static boolean committed(WebRequest request) {
    return request instanceof NativeWebRequest nativeRequest
        && nativeRequest.getNativeResponse() instanceof HttpServletResponse response
        && response.isCommitted();
  }
}
