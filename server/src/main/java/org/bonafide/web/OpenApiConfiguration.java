package org.bonafide.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title, description and the bearer API-key scheme every call uses. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
  static final String SECURITY_SCHEME = "apiKey";

  @Bean
  OpenAPI bonafideOpenApi() {
    String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("Bonafide API")
                .description(
                    "Self-hosted defence against deepfake identity fraud: face comparison, liveness and"
                        + " identity checks for remote onboarding. Every /v1 call needs"
                        + " 'Authorization: Bearer <api key>'. Errors are RFC 9457 problem documents"
                        + " (application/problem+json) with a stable 'code'.")
                .version(version == null ? "development" : version))
        .components(
            new Components()
                .addSecuritySchemes(
                    SECURITY_SCHEME,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API key issued to your institution (bfk_...).")))
        .addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
  }
}
