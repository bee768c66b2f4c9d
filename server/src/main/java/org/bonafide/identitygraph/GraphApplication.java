package org.bonafide.identitygraph;

import com.google.common.base.Preconditions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One application as the graph receives it: the institution's reference, what it carries, and the
 * applicant's face embedding when there is one.
 *
 * @param reference the institution's own id for the application (a session id, a loan number);
 *     posting the same reference again with the same content is a no-op
 * @param receivedAt when it was received
 * @param identifiers raw values by kind (several phones, several addresses ...); normalised by
 *     {@link Identifiers} before anything is stored; {@link EntityKind#FACE} is not among them
 * @param face the face embedding (L2-normalised), or null
 * @param session the verification session it came from, or null: when that session fails, the
 *     application is flagged (see {@link IdentityGraph#flagSession})
 */
public record GraphApplication(
    String reference, Instant receivedAt, Map<EntityKind, List<String>> identifiers, float[] face, UUID session) {
  /** An application that came from no session. */
  public GraphApplication(String reference, Instant receivedAt, Map<EntityKind, List<String>> identifiers, float[] face) {
    this(reference, receivedAt, identifiers, face, null);
  }

  public GraphApplication {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Preconditions.checkArgument(!identifiers.containsKey(EntityKind.FACE), "faces link by embedding, not by identifier");
    identifiers = Map.copyOf(identifiers);
  }
}
