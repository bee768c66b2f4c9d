package org.bonafide.identitygraph;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records applications in the graph and tells what each shares with the others: the links (counts
 * across institutions, never their data) and the reuse signals ({@link GraphReason}).
 *
 * <p>An application's identity is its anchor: the document number, else the national ID, else the
 * name with birth date. "Several identities" behind a device or phone means several distinct
 * anchors; applications without an anchor count for links but not for identity signals.
 */
public class IdentityGraph {
  private static final List<EntityKind> ANCHORS =
      List.of(EntityKind.DOCUMENT_NUMBER, EntityKind.NATIONAL_ID, EntityKind.NAME_BIRTH_DATE);
  private static final Duration DAY = Duration.ofDays(1);
  /** Faces linked per application: the nearest this many at or above the match threshold. */
  static final int FACE_NEIGHBOURS = 10;
  /** Runs each recording's face search while its thread does the database work. */
  private static final ExecutorService SEARCHES =
      Executors.newCachedThreadPool(
          new ThreadFactoryBuilder().setNameFormat("graph-face-search-%d").setDaemon(true).build());

  private final GraphRepository repository;
  private final Identifiers identifiers;
  private final IdentifierKeys keys;
  private final FaceSearch faces;
  private final GraphProperties properties;
  private final TransactionTemplate transactions;
  private final RingCache rings;

  IdentityGraph(
      GraphRepository repository,
      Identifiers identifiers,
      IdentifierKeys keys,
      FaceSearch faces,
      GraphProperties properties,
      TransactionTemplate transactions,
      RingCache rings) {
    this.rings = rings;
    this.repository = repository;
    this.identifiers = identifiers;
    this.keys = keys;
    this.faces = faces;
    this.properties = properties;
    this.transactions = transactions;
  }

  /**
   * What the graph says of one application.
   *
   * @param id the graph's id for it
   * @param created false when the same application (same reference and content) was recorded before
   * @param links each identifier it carries, with what is known of it across institutions
   * @param signals the reuse signals, most serious first
   */
  public record Recorded(UUID id, boolean created, List<LinkView> links, List<GraphSignal> signals) {}

  /**
   * One identifier as a tenant may see it: its public id (the keyed hash, hex) and aggregates.
   *
   * @param applications applications carrying it, in every institution (this one included)
   * @param institutions how many institutions saw it
   * @param identities distinct identities (anchors) behind it
   */
  public record LinkView(
      EntityKind kind, String id, long applications, long institutions, long identities, Instant firstSeen, Instant lastSeen) {}

  /**
   * Records an application of the tenant, or finds it again when the same reference with the same
   * content was recorded before.
   *
   * @throws BonafideException {@code validation-failed} for an identifier that cannot be
   *     normalised, {@code application-conflict} when the reference was recorded with other content
   */
  public Recorded record(TenantId tenant, GraphApplication application) {
    Normalised normalised = normalise(application);
    byte[] contentHash = contentHash(normalised, application.face());
    Optional<GraphRepository.StoredApplication> existing = repository.find(tenant.value(), application.reference());
    if (existing.isPresent()) {
      return again(existing.get(), contentHash);
    }
    UUID id = UUID.randomUUID();
    GraphRepository.StoredApplication stored =
        new GraphRepository.StoredApplication(
            id, tenant.value(), application.reference(), contentHash, normalised.anchor(), application.receivedAt());
    // The 1:N face search runs beside the database work: on a large graph each takes several
    // milliseconds, and one after the other they took their sum.
    CompletableFuture<List<FaceSearch.Match>> nearest =
        application.face() != null && normalised.anchor() != null
            ? CompletableFuture.supplyAsync(
                () -> faces.matching(application.face(), FACE_NEIGHBOURS, properties.getFaceMatchThreshold()), SEARCHES)
            : CompletableFuture.completedFuture(List.of());
    Recorded recorded;
    try {
      recorded =
          transactions.execute(
              status -> {
                repository.insert(stored, normalised.links(), application.face(), application.session());
                // what was just stored is known: read back only what others contributed
                Recorded links = linkView(stored, true, normalised.links(), application.face());
                // the edges ring detection follows: this face on another identity's application
                List<GraphRepository.FaceLink> sameFace = new ArrayList<>();
                for (FaceSearch.Match m : await(nearest)) {
                  if (m.identityKey() != null
                      && !Arrays.equals(m.identityKey(), normalised.anchor())) {
                    sameFace.add(new GraphRepository.FaceLink(m.application(), m.tenant(), m.identityKey(), m.similarity()));
                  }
                }
                repository.insertFaceLinks(id, sameFace);
                // its face links are these: no later application can have found its face yet
                return withFaceLinks(stored, links, sameFace);
              });
    } catch (DuplicateKeyException e) {
      // the same reference posted twice at once: the first one stored wins
      return again(repository.find(tenant.value(), application.reference()).orElseThrow(), contentHash);
    }
    if (application.face() != null) {
      faces.add(new GraphRepository.StoredFace(id, tenant.value(), normalised.anchor(), application.face()));
    }
    return recorded;
  }

  /** The search's result, or its failure as it was thrown. */
  private static List<FaceSearch.Match> await(CompletableFuture<List<FaceSearch.Match>> search) {
    try {
      return search.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private Recorded again(GraphRepository.StoredApplication existing, byte[] contentHash) {
    if (!Arrays.equals(existing.contentHash(), contentHash)) {
      throw new BonafideException(
          ErrorCode.APPLICATION_CONFLICT,
          "Application " + existing.reference() + " was recorded with other content; use a new reference.",
          Map.of("reference", existing.reference()));
    }
    List<GraphRepository.Link> carried = new ArrayList<>(repository.links(existing.id()));
    carried.sort(LINK_ORDER);
    Recorded links = linkView(existing, false, carried, repository.face(existing.id()).orElse(null));
    return withFaceLinks(existing, links, repository.faceLinks(existing.id()));
  }

  /**
   * The links of a stored application and their signals, as of now: every signal but the face
   * links' ({@link #withFaceLinks}), in no order.
   *
   * @param carried its links, in {@link #LINK_ORDER}
   * @param face its face, or null
   */
  private Recorded linkView(
      GraphRepository.StoredApplication app, boolean created, List<GraphRepository.Link> carried, float[] face) {
    Instant dayAgo = app.receivedAt().minus(DAY);
    List<LinkView> links = new ArrayList<>();
    List<GraphSignal> signals = new ArrayList<>();
    List<GraphRepository.Aggregate> aggregates = repository.aggregates(carried, dayAgo, app.tenant());
    // flags are looked up only where another application shares the link
    List<GraphRepository.Link> reused = new ArrayList<>();
    int[] sharedAt = new int[carried.size()];
    for (int i = 0; i < carried.size(); i++) {
      sharedAt[i] = aggregates.get(i).applications() > 1 ? reused.size() : -1;
      if (sharedAt[i] >= 0) {
        reused.add(carried.get(i));
      }
    }
    long[] flaggedShared = repository.flaggedWith(reused, app.id());
    boolean otherFaceSeen = false;
    for (int i = 0; i < carried.size(); i++) {
      GraphRepository.Link link = carried.get(i);
      GraphRepository.Aggregate a = aggregates.get(i);
      String publicId = publicId(link.key());
      links.add(new LinkView(link.kind(), publicId, a.applications(), a.institutions(), a.identities(), a.firstSeen(), a.lastSeen()));
      int shared = properties.sharedIdentities(link.kind());
      if (shared > 0 && a.identities() >= shared) {
        signals.add(new GraphSignal(sharedReason(link.kind()), link.kind(), publicId, evidence(a)));
      }
      if (sharedAt[i] >= 0) {
        long flagged = flaggedShared[sharedAt[i]];
        if (flagged > 0) {
          Map<String, Object> evidence = new LinkedHashMap<>(evidence(a));
          evidence.put("flaggedApplications", flagged);
          signals.add(new GraphSignal(GraphReason.LINKED_TO_FLAGGED, link.kind(), publicId, evidence));
        }
      }
      if (link.kind() == EntityKind.DEVICE && a.lastDay() >= properties.getDeviceApplicationsPerDay()) {
        signals.add(new GraphSignal(GraphReason.DEVICE_VELOCITY, link.kind(), publicId, Map.of("applicationsLastDay", a.lastDay())));
      }
      // one signal for the identity, from its strongest identifier (links come in kind order)
      if (ANCHORS.contains(link.kind()) && face != null && a.applications() > 1 && !otherFaceSeen) {
        Optional<GraphSignal> other = differentFace(app, face, link, publicId, a);
        other.ifPresent(signals::add);
        otherFaceSeen = other.isPresent();
      }
    }
    if (app.identityKey() != null) {
      identityActivity(app, anchorKind(app, carried), dayAgo).forEach(signals::add);
    }
    return new Recorded(app.id(), created, links, signals);
  }

  /** The view with the signal of the application's face links, if any, and its signals in order. */
  private Recorded withFaceLinks(GraphRepository.StoredApplication app, Recorded view, List<GraphRepository.FaceLink> edges) {
    List<GraphSignal> signals = new ArrayList<>(view.signals());
    sameFaceOtherIdentity(app, edges).ifPresent(signals::add);
    signals.sort(Comparator.comparing(GraphSignal::reason));
    return new Recorded(view.id(), view.created(), view.links(), signals);
  }

  private Optional<GraphSignal> differentFace(
      GraphRepository.StoredApplication app, float[] face, GraphRepository.Link link, String publicId, GraphRepository.Aggregate a) {
    List<GraphRepository.StoredFace> others = repository.facesWith(link.kind(), link.key(), app.id());
    int different = 0;
    Set<UUID> tenants = new HashSet<>();
    double lowest = 1;
    for (GraphRepository.StoredFace other : others) {
      double similarity = similarity(face, other.embedding());
      if (similarity < properties.getFaceMatchThreshold()) {
        different++;
        tenants.add(other.tenant());
        lowest = Math.min(lowest, similarity);
      }
    }
    if (different == 0) {
      return Optional.empty();
    }
    Map<String, Object> evidence = new LinkedHashMap<>(evidence(a));
    evidence.put("applicationsWithOtherFaces", different);
    evidence.put("institutionsWithOtherFaces", tenants.size());
    evidence.put("lowestSimilarity", round(lowest));
    evidence.put("threshold", properties.getFaceMatchThreshold());
    return Optional.of(new GraphSignal(GraphReason.IDENTITY_DIFFERENT_FACE, link.kind(), publicId, evidence));
  }

  private List<GraphSignal> identityActivity(GraphRepository.StoredApplication app, EntityKind anchor, Instant dayAgo) {
    List<GraphSignal> signals = new ArrayList<>();
    String id = publicId(app.identityKey());
    Instant windowStart = app.receivedAt().minus(properties.getIdentityInstitutionsWindow());
    long[] activity = repository.identityActivity(app.identityKey(), dayAgo, windowStart);
    if (activity[0] >= properties.getIdentityApplicationsPerDay()) {
      signals.add(
          new GraphSignal(
              GraphReason.IDENTITY_VELOCITY,
              anchor,
              id,
              Map.of("applicationsLastDay", activity[0], "institutionsLastDay", activity[1])));
    }
    if (activity[3] >= properties.getIdentityInstitutions()) {
      signals.add(
          new GraphSignal(
              GraphReason.IDENTITY_MANY_INSTITUTIONS,
              anchor,
              id,
              Map.of(
                  "applications", activity[2],
                  "institutions", activity[3],
                  "windowDays", properties.getIdentityInstitutionsWindow().toDays())));
    }
    return signals;
  }

  private Optional<GraphSignal> sameFaceOtherIdentity(GraphRepository.StoredApplication app, List<GraphRepository.FaceLink> edges) {
    if (edges.isEmpty()) {
      return Optional.empty();
    }
    Set<UUID> tenants = new HashSet<>();
    Set<String> identities = new HashSet<>();
    double highest = 0;
    for (GraphRepository.FaceLink e : edges) {
      tenants.add(e.tenant());
      identities.add(HexFormat.of().formatHex(e.identityKey()));
      highest = Math.max(highest, e.similarity());
    }
    return Optional.of(
        new GraphSignal(
            GraphReason.FACE_DIFFERENT_IDENTITY,
            EntityKind.FACE,
            publicId(app.identityKey()),
            Map.of(
                "applications", edges.size(),
                "otherIdentities", identities.size(),
                "institutions", tenants.size(),
                "highestSimilarity", round(highest),
                "threshold", properties.getFaceMatchThreshold())));
  }

  /**
   * What is known of one identifier, for an analyst of a tenant that has it in one of its own
   * applications: aggregates across institutions and the tenant's own references.
   *
   * @throws BonafideException {@code not-found} when the id is malformed or none of the tenant's
   *     applications carries it (another institution's identifiers cannot be probed)
   */
  public Map<String, Object> links(TenantId tenant, String publicId) {
    byte[] key;
    try {
      key = HexFormat.of().parseHex(publicId);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      throw new BonafideException(ErrorCode.NOT_FOUND, "No identity " + publicId + " among your applications.");
    }
    for (EntityKind kind : repository.kindsOf(key)) {
      List<GraphRepository.StoredApplication> own = repository.ownApplicationsWith(kind, key, tenant.value(), 100);
      if (own.isEmpty()) {
        continue;
      }
      GraphRepository.Aggregate a = repository.aggregate(kind, key, Instant.now().minus(DAY), tenant.value());
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", publicId);
      view.put("kind", kind);
      view.putAll(evidence(a));
      view.put("yourApplications", own.stream().map(GraphRepository.StoredApplication::reference).toList());
      return view;
    }
    throw new BonafideException(ErrorCode.NOT_FOUND, "No identity " + publicId + " among your applications.");
  }

  /**
   * Where an identifier (a bank account, a phone ...) was used in applications, as a viewer may see
   * it: how many applications and institutions carry it, how many of those applications belong to
   * a detected ring, and the viewer's own references (none for the public). Empty when the value is
   * not a usable identifier of the kind or no application carries it.
   *
   * @param viewer the tenant asking, or null for the public
   */
  public Optional<Trace> trace(TenantId viewer, EntityKind kind, String raw) {
    org.bonafide.identitygraph.Normalised form = identifiers.validate(kind, raw);
    if (!form.isAccepted()) {
      return Optional.empty();
    }
    byte[] key = keys.key(kind, form.canonical());
    UUID tenant = viewer == null ? new UUID(0, 0) : viewer.value();
    GraphRepository.Aggregate a = repository.aggregate(kind, key, Instant.now().minus(DAY), tenant);
    if (a.applications() == 0) {
      return Optional.empty();
    }
    java.util.Set<UUID> carriers = new java.util.HashSet<>(repository.applicationIdsWith(kind, key, 1000));
    int inRings = 0;
    for (RingDetector.Ring ring : rings.rings(a.lastSeen())) {
      for (UUID app : ring.applications()) {
        if (carriers.contains(app)) {
          inRings++;
        }
      }
    }
    List<GraphRepository.StoredApplication> own = viewer == null ? List.of() : repository.ownApplicationsWith(kind, key, tenant, 100);
    return Optional.of(
        new Trace(
            publicId(key),
            a.applications(),
            a.institutions(),
            inRings,
            repository.flaggedWith(kind, key, null),
            own.stream().map(GraphRepository.StoredApplication::reference).toList(),
            own.stream().map(GraphRepository.StoredApplication::id).toList()));
  }

  /**
   * An identifier's use in applications.
   *
   * @param id its public id (for {@code GET /v1/identities/{id}/links} by a tenant that carries it)
   * @param applicationsInRings how many of the applications carrying it are in a detected ring
   * @param flaggedApplications how many of the applications carrying it were flagged (their session
   *     failed, or their institution found them fraudulent), in every institution
   * @param yourApplications the viewer's own application references carrying it, newest first
   * @param yourApplicationIds the same applications' ids, in the same order (to flag one)
   */
  public record Trace(
      String id,
      long applications,
      long institutions,
      int applicationsInRings,
      long flaggedApplications,
      List<String> yourApplications,
      List<UUID> yourApplicationIds) {}

  /** Who set or cleared a flag. */
  private static final String BY_TENANT = "tenant";

  private static final String BY_SESSION_ANALYSIS = "session-analysis";

  /** Longest note kept with a flag. */
  public static final int MAX_FLAG_NOTE = 500;

  /**
   * Flags the applications that came from a session now found to have failed verification (those
   * already flagged keep their flag). Applications recorded from the session later are flagged by
   * their caller calling this again.
   *
   * @return how many applications were flagged now
   */
  public int flagSession(UUID session, Instant at) {
    List<GraphRepository.FlagState> flagged =
        transactions.execute(
            status -> {
              List<GraphRepository.FlagState> now = repository.flagSession(session, ApplicationFlag.FAILED_VERIFICATION.code(), at);
              for (GraphRepository.FlagState f : now) {
                repository.insertFlagEvent(f.application(), f.tenant(), "flagged", f.flag(), BY_SESSION_ANALYSIS, null, at);
              }
              return now;
            });
    return flagged == null ? 0 : flagged.size();
  }

  /**
   * Flags (or re-flags with another reason) one of the tenant's applications, with an audit entry.
   *
   * @throws BonafideException {@code not-found} when the tenant has no such application,
   *     {@code validation-failed} for a note over {@link #MAX_FLAG_NOTE} characters
   */
  public Map<String, Object> flag(TenantId tenant, UUID application, ApplicationFlag flag, String note, Instant at) {
    checkNote(note);
    GraphRepository.FlagState state = ownApplication(tenant, application);
    transactions.executeWithoutResult(
        status -> {
          repository.setFlag(state.application(), flag.code(), at);
          repository.insertFlagEvent(state.application(), tenant.value(), "flagged", flag.code(), BY_TENANT, note, at);
        });
    return flagView(tenant, application);
  }

  /**
   * Clears the flag of one of the tenant's applications (an analyst found the failure benign), with
   * an audit entry. Clearing an unflagged application changes nothing and records nothing.
   */
  public Map<String, Object> clearFlag(TenantId tenant, UUID application, String note, Instant at) {
    checkNote(note);
    GraphRepository.FlagState state = ownApplication(tenant, application);
    if (state.flag() != null) {
      transactions.executeWithoutResult(
          status -> {
            repository.setFlag(state.application(), null, at);
            repository.insertFlagEvent(state.application(), tenant.value(), "cleared", state.flag(), BY_TENANT, note, at);
          });
    }
    return flagView(tenant, application);
  }

  /** One of the tenant's applications: its flag and the flag's history. */
  public Map<String, Object> flagView(TenantId tenant, UUID application) {
    GraphRepository.FlagState state = ownApplication(tenant, application);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", state.application());
    view.put("reference", state.reference());
    view.put("flag", state.flag());
    view.put("flaggedAt", state.flaggedAt());
    List<Map<String, Object>> history = new ArrayList<>();
    for (GraphRepository.FlagEvent e : repository.flagEvents(application)) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("action", e.action());
      h.put("flag", e.flag());
      h.put("by", e.actor());
      if (e.note() != null) {
        h.put("note", e.note());
      }
      h.put("at", e.at());
      history.add(h);
    }
    view.put("history", history);
    return view;
  }

  private GraphRepository.FlagState ownApplication(TenantId tenant, UUID application) {
    return repository
        .flagState(tenant.value(), application)
        .orElseThrow(() -> new BonafideException(ErrorCode.NOT_FOUND, "No application " + application + " among yours."));
  }

  private static void checkNote(String note) {
    if (note != null && note.length() > MAX_FLAG_NOTE) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED, "A note has at most " + MAX_FLAG_NOTE + " characters.", Map.of("field", "note"));
    }
  }

  /** The public id of a key: lowercase hex. */
  static String publicId(byte[] key) {
    return HexFormat.of().formatHex(key);
  }

  private static EntityKind anchorKind(GraphRepository.StoredApplication app, List<GraphRepository.Link> carried) {
    for (GraphRepository.Link link : carried) {
      if (ANCHORS.contains(link.kind()) && Arrays.equals(link.key(), app.identityKey())) {
        return link.kind();
      }
    }
    return EntityKind.NAME_BIRTH_DATE;
  }

  private static Map<String, Object> evidence(GraphRepository.Aggregate a) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("applications", a.applications());
    e.put("institutions", a.institutions());
    e.put("identities", a.identities());
    e.put("yourApplications", a.own());
    if (a.firstSeen() != null) {
      e.put("firstSeen", a.firstSeen().toString());
      e.put("lastSeen", a.lastSeen().toString());
    }
    return e;
  }

  private static GraphReason sharedReason(EntityKind kind) {
    return switch (kind) {
      case DEVICE -> GraphReason.DEVICE_SHARED;
      case PHONE -> GraphReason.PHONE_SHARED;
      case EMAIL -> GraphReason.EMAIL_SHARED;
      case BANK_ACCOUNT -> GraphReason.BANK_ACCOUNT_SHARED;
      case ADDRESS -> GraphReason.ADDRESS_SHARED;
      case IP -> GraphReason.IP_SHARED;
      default -> throw new IllegalArgumentException("no shared-entity reason for " + kind);
    };
  }

  /** The order of an application's links: by kind (strongest identity first), then key. */
  private static final Comparator<GraphRepository.Link> LINK_ORDER =
      Comparator.comparing(GraphRepository.Link::kind).thenComparing(GraphRepository.Link::key, Arrays::compareUnsigned);

  /** The application's identifiers in canonical form, their keys, and its anchor. */
  private record Normalised(List<GraphRepository.Link> links, byte[] anchor) {}

  private Normalised normalise(GraphApplication application) {
    Map<EntityKind, List<byte[]>> byKind = new EnumMap<>(EntityKind.class);
    List<GraphRepository.Link> links = new ArrayList<>();
    for (Map.Entry<EntityKind, List<String>> e : application.identifiers().entrySet()) {
      for (String raw : e.getValue()) {
        String canonical = canonical(e.getKey(), raw);
        byte[] key = keys.key(e.getKey(), canonical);
        if (links.stream().noneMatch(l -> l.kind() == e.getKey() && Arrays.equals(l.key(), key))) {
          links.add(new GraphRepository.Link(e.getKey(), key));
          byKind.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(key);
        }
      }
    }
    byte[] anchor = null;
    for (EntityKind kind : ANCHORS) {
      if (byKind.containsKey(kind)) {
        anchor = byKind.get(kind).get(0);
        break;
      }
    }
    links.sort(LINK_ORDER);
    return new Normalised(links, anchor);
  }

  private String canonical(EntityKind kind, String raw) {
    return identifiers.validate(kind, raw).orElseThrow();
  }

  private static byte[] contentHash(Normalised normalised, float[] face) {
    Hasher hasher = Hashing.sha256().newHasher();
    for (GraphRepository.Link link : normalised.links()) {
      hasher.putString(link.kind().code(), StandardCharsets.UTF_8).putBytes(link.key());
    }
    if (face != null) {
      for (float v : face) {
        hasher.putFloat(v);
      }
    }
    return hasher.hash().asBytes();
  }

  static double similarity(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
