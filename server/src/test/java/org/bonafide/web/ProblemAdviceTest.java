package org.bonafide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.bonafide.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.bonafide.shared.BonafideException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

class ProblemAdviceTest {
  @SuppressWarnings("unused")
  void endpoint(@PathVariable UUID id, @RequestParam UUID after) {}

  private static MethodArgumentTypeMismatchException mismatch(int parameterIndex) throws NoSuchMethodException {
    Method method = ProblemAdviceTest.class.getDeclaredMethod("endpoint", UUID.class, UUID.class);
    MethodParameter parameter = new MethodParameter(method, parameterIndex);
    return new MethodArgumentTypeMismatchException("nope", UUID.class, parameter.getParameterName(), parameter, null);
  }

  @Test
  void malformedIdInThePathIsNotFound() throws Exception {
    assertThat(ProblemAdvice.errorCodeFor(mismatch(0), 400)).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void malformedQueryParameterIsAValidationFailure() throws Exception {
    assertThat(ProblemAdvice.errorCodeFor(mismatch(1), 400)).isEqualTo(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void mapsSpringExceptionsToTheCatalogue() {
    assertThat(ProblemAdvice.errorCodeFor(new MaxUploadSizeExceededException(-1), 413))
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    assertThat(ProblemAdvice.errorCodeFor(new HttpMediaTypeNotSupportedException("x"), 415))
        .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertThat(ProblemAdvice.errorCodeFor(new MissingServletRequestPartException("probe"), 400))
        .isEqualTo(ErrorCode.MISSING_PART);
    assertThat(ProblemAdvice.errorCodeFor(new NoResourceFoundException(HttpMethod.GET, "/x", "x"), 404))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(ProblemAdvice.errorCodeFor(new IllegalStateException(), 503)).isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void problemCarriesCodeTypeAndTitleThatPropertiesCannotOverwrite() {
    ProblemDetail problem =
        Problems.problem(ErrorCode.NO_FACE, "No face.", Map.of("part", "probe", "code", "forged", "status", 200));
    assertThat(problem.getStatus()).isEqualTo(422);
    assertThat(problem.getType()).isEqualTo(URI.create("urn:bonafide:problem:no-face"));
    assertThat(problem.getTitle()).isEqualTo(ErrorCode.NO_FACE.title());
    assertThat(problem.getDetail()).isEqualTo("No face.");
    assertThat(problem.getProperties()).containsEntry("code", "no-face").containsEntry("part", "probe");
    assertThat(problem.getProperties()).doesNotContainKey("status");
  }

  @Test
  void busyServiceKeepsItsDetailAndSaysWhenToRetry() {
    ProblemAdvice advice = new ProblemAdvice(null);
    ResponseEntity<Object> response =
        advice.handleBonafide(
            new BonafideException(
                ErrorCode.SERVICE_BUSY, "All slots busy.", Map.of(BonafideException.RETRY_AFTER_SECONDS, 5L)),
            new ServletWebRequest(new MockHttpServletRequest(), new MockHttpServletResponse()));
    assertThat(response.getStatusCode().value()).isEqualTo(503);
    assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    assertThat(((ProblemDetail) response.getBody()).getDetail()).isEqualTo("All slots busy.");

    ResponseEntity<Object> internal =
        advice.handleBonafide(
            new BonafideException(ErrorCode.INTERNAL, "secret stack detail"),
            new ServletWebRequest(new MockHttpServletRequest(), new MockHttpServletResponse()));
    assertThat(((ProblemDetail) internal.getBody()).getDetail()).doesNotContain("secret");
  }

  @Test
  void unauthenticatedResponseNamesTheBearerScheme() {
    ResponseEntity<Object> response = Problems.response(ErrorCode.UNAUTHENTICATED, "No key.", Map.of(), HttpHeaders.EMPTY);
    assertThat(response.getStatusCode().value()).isEqualTo(401);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void containerStatusesMapToCodesWithTheSameStatus() {
    for (int status : new int[] {400, 401, 404, 405, 406, 413, 415, 500}) {
      assertThat(Problems.forStatus(status).status()).as("status %s", status).isEqualTo(status);
    }
    assertThat(Problems.forStatus(502)).isEqualTo(ErrorCode.INTERNAL);
  }
}
