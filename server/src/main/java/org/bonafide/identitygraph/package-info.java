/**
 * The identity graph: links between applications, across institutions, through what they share
 * (document and national ID numbers, name with birth date, face, device, phone, email, postal
 * address, IP, bank account). Identifiers are kept only as keyed hashes (HMAC-SHA-256 under a
 * deployment secret), so one institution never sees another's raw data; only counts, first and
 * last seen and the number of institutions cross tenant lines. Faces are searched 1:N with an
 * approximate nearest-neighbour index.
 *
 * <p>Entry points: {@link org.bonafide.identitygraph.IdentityGraph} (records an application and
 * answers its links and signals; the session module and {@code POST /v1/applications} call it with
 * an {@link org.bonafide.identitygraph.ApplicationInput} or a {@link
 * org.bonafide.identitygraph.GraphApplication}), {@link org.bonafide.identitygraph.RingDetector},
 * {@link org.bonafide.identitygraph.Identifiers} and {@link
 * org.bonafide.identitygraph.IdentifierKeys}, and {@link org.bonafide.identitygraph.FaceIndex}.
 * docs/identity-graph.md describes the rules.
 *
 * <p>The module depends only on {@code shared} and {@code storage}.
 */
package org.bonafide.identitygraph;
