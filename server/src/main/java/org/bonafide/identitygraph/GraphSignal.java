package org.bonafide.identitygraph;

import java.util.Map;

/**
 * A reuse signal raised for an application, with the aggregated evidence behind it. Evidence
 * across institutions is counts and dates only: never another institution's references or raw data.
 *
 * @param reason what was seen
 * @param kind the kind of entity it concerns
 * @param id the entity's public id (the keyed hash, hex), for {@code GET /v1/identities/{id}/links}
 * @param evidence counts, institutions, first and last seen, similarities
 */
public record GraphSignal(GraphReason reason, EntityKind kind, String id, Map<String, Object> evidence) {
  public GraphSignal {
    evidence = Map.copyOf(evidence);
  }
}
