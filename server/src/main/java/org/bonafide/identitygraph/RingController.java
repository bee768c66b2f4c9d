package org.bonafide.identitygraph;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rings for the tenant's analysts: those that hold at least one of the tenant's applications, with
 * what crosses institutions aggregated. Detection runs over the whole graph and is kept for {@link
 * #REFRESH}, so a ring seen by two analysts a moment apart is the same ring.
 */
@RestController
@Tag(name = "Identity graph")
class RingController {
  private final RingCache cache;
  private final GraphRepository repository;

  RingController(RingCache cache, GraphRepository repository) {
    this.cache = cache;
    this.repository = repository;
  }

  private List<RingDetector.Ring> rings() {
    return cache.rings();
  }

  @GetMapping(path = "/v1/rings", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Rings that hold at least one of your applications, highest score first")
  Map<String, Object> list(@Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant) {
    List<Map<String, Object>> mine = new ArrayList<>();
    for (RingDetector.Ring ring : rings()) {
      List<String> own = own(ring, tenant);
      if (!own.isEmpty()) {
        mine.add(view(ring, own));
      }
    }
    return Map.of("rings", mine);
  }

  @GetMapping(path = "/v1/rings/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "One ring",
      description =
          "Its size, identities, institutions, span, score and what ties it together; your own applications in it by"
              + " reference. Other institutions' applications are counted, never shown.")
  @ApiResponse(responseCode = "200", description = "The ring")
  @ApiResponse(
      responseCode = "404",
      description = "not-found: unknown, or holding none of your applications",
      content = @Content(mediaType = "application/problem+json"))
  Map<String, Object> get(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant, @PathVariable UUID id) {
    for (RingDetector.Ring ring : rings()) {
      if (ring.id().equals(id)) {
        List<String> own = own(ring, tenant);
        if (!own.isEmpty()) {
          return view(ring, own);
        }
      }
    }
    throw new BonafideException(ErrorCode.NOT_FOUND, "No ring " + id + " holds one of your applications.");
  }

  private List<String> own(RingDetector.Ring ring, TenantId tenant) {
    return repository.referencesOf(ring.applications(), tenant.value());
  }

  private static Map<String, Object> view(RingDetector.Ring ring, List<String> own) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", ring.id());
    v.put("score", ring.score());
    v.put("applications", ring.applications().size());
    v.put("identities", ring.identities());
    v.put("institutions", ring.institutions());
    v.put("days", ring.days());
    v.put("faceLinks", ring.faceLinks());
    v.put("sharedDevicesAndPhones", ring.sharedTools());
    v.put("yourApplications", own);
    return v;
  }
}
