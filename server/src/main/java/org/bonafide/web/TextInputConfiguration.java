package org.bonafide.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers {@link TextInputAdvice.Parameters} for every handler. */
@Configuration(proxyBeanMethods = false)
class TextInputConfiguration implements WebMvcConfigurer {
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new TextInputAdvice.Parameters());
  }
}
