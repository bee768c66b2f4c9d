package org.bonafide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP/1.1 client for the running service, with a hand-built multipart body. */
final class ApiClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  ApiClient(int port) {
    this.base = "http://localhost:" + port;
  }

  Reply get(String path, String apiKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return send(request);
  }

  Reply post(String path, String apiKey, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return send(request);
  }

  Reply put(String path, String apiKey, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return send(request);
  }

  Reply delete(String path, String apiKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return send(request);
  }

  Reply post(String path, String apiKey, Multipart body) {
    return post(path, apiKey, body.contentType(), body.bytes());
  }

  Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (IOException e) {
      throw new IllegalStateException("HTTP call failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response, with its body read as JSON when it is JSON. */
  record Reply(HttpResponse<String> response) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    JsonNode json() {
      return JSON.readTree(response.body());
    }

    /** Asserts an RFC 9457 problem with this status and code, and returns it. */
    JsonNode problem(int status, String code) {
      assertThat(status()).as("status of %s", body()).isEqualTo(status);
      assertThat(header("Content-Type")).startsWith("application/problem+json");
      JsonNode problem = json();
      assertThat(problem.path("code").asString()).as(body()).isEqualTo(code);
      assertThat(problem.path("status").asInt()).isEqualTo(status);
      assertThat(problem.path("type").asString()).isEqualTo("urn:bonafide:problem:" + code);
      assertThat(problem.path("title").asString()).isNotBlank();
      assertThat(problem.path("detail").asString()).isNotBlank();
      return problem;
    }
  }

  /** A multipart/form-data body. */
  static final class Multipart {
    private final String boundary = "bonafide-test-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A part with these bytes; {@code fileName} null sends it as a plain field, as some clients do. */
    Multipart file(String name, String fileName, String contentType, byte[] bytes) {
      StringBuilder head = new StringBuilder();
      head.append("--").append(boundary).append("\r\n");
      head.append("Content-Disposition: form-data; name=\"").append(name).append('"');
      if (fileName != null) {
        head.append("; filename=\"").append(fileName).append('"');
      }
      head.append("\r\n");
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      head.append("\r\n");
      body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      body.writeBytes(bytes);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      return this;
    }

    Multipart field(String name, String value) {
      String part =
          "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
      body.writeBytes(part.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(body.toByteArray());
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
  }
}
