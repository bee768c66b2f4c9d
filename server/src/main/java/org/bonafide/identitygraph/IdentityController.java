package org.bonafide.identitygraph;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.bonafide.shared.TenantId;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** What the graph knows of one identifier, for the tenant's analysts. */
@RestController
@Tag(name = "Identity graph")
class IdentityController {
  private final IdentityGraph graph;

  IdentityController(IdentityGraph graph) {
    this.graph = graph;
  }

  @GetMapping(path = "/v1/identities/{id}/links", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "An identifier's links across institutions",
      description =
          "For an identifier (its id as applications report it) carried by one of your applications: how many"
              + " applications, institutions and identities share it, first and last seen, and your own references."
              + " Other institutions' applications are counted, never shown.")
  @ApiResponse(responseCode = "200", description = "The identifier's links")
  @ApiResponse(
      responseCode = "404",
      description = "not-found: unknown, or carried by none of your applications",
      content = @Content(mediaType = "application/problem+json"))
  Map<String, Object> links(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant, @PathVariable String id) {
    return graph.links(tenant, id);
  }
}
