package org.bonafide.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Type;
import java.util.Map;
import org.bonafide.shared.TextInput;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Applies {@link TextInput}'s rule to every text a request brings, before any module sees it: the
 * strings anywhere in a JSON body or JSON part once it is read (record components, map keys and
 * values, list items, at any depth), and, through {@link Parameters}, the query and form parameters
 * and path variables. A refused text is a 400 {@code invalid-text} naming where it was (for example
 * {@code telemetry.cameraLabel}); nothing has been stored by then.
 */
@ControllerAdvice
class TextInputAdvice extends RequestBodyAdviceAdapter {
  @Override
  public boolean supports(
      MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object afterBodyRead(
      Object body,
      HttpInputMessage inputMessage,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    TextInput.requireAll(body, "body");
    return body;
  }

  /** The same rule for query and form parameters (names and values) and path variables. */
  static final class Parameters implements HandlerInterceptor {
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
      for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
        String problem = TextInput.problem(e.getKey());
        if (problem != null) {
          throw TextInput.refused("a parameter name", problem);
        }
        for (String v : e.getValue()) {
          problem = TextInput.problem(v);
          if (problem != null) {
            throw TextInput.refused(e.getKey(), problem);
          }
        }
      }
      if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
        for (Map.Entry<?, ?> e : variables.entrySet()) {
          String problem = TextInput.problem(String.valueOf(e.getValue()));
          if (problem != null) {
            throw TextInput.refused(String.valueOf(e.getKey()), problem);
          }
        }
      }
      return true;
    }
  }
}
