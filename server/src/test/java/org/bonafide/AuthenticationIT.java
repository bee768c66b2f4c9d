package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.bonafide.ApiClient.Reply;
import org.bonafide.tenant.IssuedApiKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API keys on /v1, and the endpoints that need none. */
class AuthenticationIT extends RunningServiceTest {
  private static final String SOME_ID = "/v1/faces/comparisons/00000000-0000-0000-0000-000000000000";

  @Test
  void callWithoutAKeyIsUnauthenticated() {
    Reply reply = api.get(SOME_ID, null);

    reply.problem(401, "unauthenticated");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void unknownOrMalformedKeysAreUnauthenticated() {
    String wellFormedButUnknown = "bfk_" + "A".repeat(43);
    for (String header : new String[] {"Bearer " + wellFormedButUnknown, "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer"}) {
      Reply reply = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + SOME_ID)).header("Authorization", header));
      reply.problem(401, "unauthenticated");
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
  }

  @Test
  void revokedKeyStopsWorking() {
    IssuedApiKey key = newTenantKey("Revocation");
    assertThat(api.get(SOME_ID, key.key()).status()).isEqualTo(404);

    assertThat(tenants.revokeKey(key.tenantId(), key.id())).isTrue();

    api.get(SOME_ID, key.key()).problem(401, "unauthenticated");
  }

  @Test
  void validKeyReachesTheApi() {
    IssuedApiKey key = newTenantKey("Valid key");
    assertThat(tenants.authenticate(key.key())).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(key.tenantId()));

    api.get(SOME_ID, key.key()).problem(404, "not-found");
  }

  @Test
  void healthNeedsNoKey() {
    Reply reply = api.get("/actuator/health", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("status").asString()).isEqualTo("UP");
  }

  @Test
  void openApiDeclaresTheBearerSchemeAndNeedsNoKey() {
    Reply reply = api.get("/v3/api-docs", null);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode doc = reply.json();
    assertThat(doc.path("info").path("title").asString()).isEqualTo("Bonafide API");
    assertThat(doc.path("info").path("version").asString()).isNotBlank();
    JsonNode schemes = doc.path("components").path("securitySchemes");
    assertThat(schemes.size()).isEqualTo(1);
    JsonNode scheme = schemes.values().iterator().next();
    assertThat(scheme.path("type").asString()).isEqualTo("http");
    assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
    assertThat(doc.path("paths").has("/v1/faces/compare")).isTrue();
    assertThat(doc.path("paths").has("/v1/faces/comparisons/{id}")).isTrue();
    JsonNode upload =
        doc.at("/paths/~1v1~1faces~1compare/post/requestBody/content/multipart~1form-data/schema/properties");
    assertThat(upload.path("reference").path("format").asString()).isEqualTo("binary");
    assertThat(upload.path("probe").path("format").asString()).isEqualTo("binary");
    assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
  }

  @Test
  void everyResponseForbidsSniffingAndTlsBehindAProxyGetsStrictTransportSecurity() {
    Reply problem = api.get("/v1/sessions/" + java.util.UUID.randomUUID(), null);
    assertThat(problem.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(problem.header("Strict-Transport-Security")).isNull();
    Reply health = api.get("/actuator/health", null);
    assertThat(health.header("X-Content-Type-Options")).isEqualTo("nosniff");
    Reply proxied =
        api.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .header("X-Forwarded-Proto", "https"));
    assertThat(proxied.header("Strict-Transport-Security")).startsWith("max-age=31536000");
    Reply swagger = api.get("/swagger-ui/index.html", null);
    assertThat(swagger.status()).isEqualTo(200);
    assertThat(swagger.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("script-src 'self';");
    assertThat(swagger.header("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void unknownPathOutsideTheApiIsAProblemToo() {
    api.get("/no-such-page", null).problem(404, "not-found");
  }
}
