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
      // a multipart body's parts are not text parameters, even those sent without a file name
      // (whose bytes the container also lists as parameters): images are bytes, JSON parts are
      // checked when read; the query string's parameters are checked either way
      java.util.Set<String> parts = partNames(request);
      for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
        if (parts.contains(e.getKey())) {
          continue;
        }
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

    private static java.util.Set<String> partNames(HttpServletRequest request) {
      String type = request.getContentType();
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
        return java.util.Set.of();
      }
      try {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (jakarta.servlet.http.Part part : request.getParts()) {
          names.add(part.getName());
        }
        return names;
      } catch (java.io.IOException | jakarta.servlet.ServletException | IllegalStateException e) {
        // an unreadable multipart body: the handler's own part resolution answers it
        return java.util.Set.of();
      }
    }
  }
}
