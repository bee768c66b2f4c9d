package org.bonafide.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.bonafide.shared.ErrorCode;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (errors raised outside Spring MVC, such as in a filter), in
 * the same problem format as every other error, replacing Spring Boot's default error body.
 */
@RestController
class ProblemErrorController implements ErrorController {
  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<Object> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    ErrorCode code = Problems.forStatus(status instanceof Integer value ? value : 500);
    String detail = code.status() >= 500 ? ProblemAdvice.INTERNAL_DETAIL : code.title() + ".";
    return Problems.response(code, detail, Map.of(), HttpHeaders.EMPTY);
  }
}
