package org.bonafide.identitygraph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds rings: groups of applications tied together by what a ring shares and families, offices
 * and carriers do not.
 *
 * <p>Applications are joined (union-find) when they carry the same identity (its anchor), the same
 * device, phone, email or bank account held by at most {@link #MAX_SHARED_IDENTITIES} identities
 * (an identifier behind hundreds of identities is infrastructure, such as a shop's tablet, not a
 * ring's tool), or the same face under another identity. Addresses and IPs never join: a family
 * shares an address and an office an IP; they only add to the score. A group is a ring when it
 * holds at least {@link #MIN_IDENTITIES} identities, {@link #MIN_APPLICATIONS} applications and
 * {@link #MIN_INSTITUTIONS} institutions, and shows what genuine groups do not: a face on several
 * identities, an identity with several faces, or one device or phone behind at least {@link
 * #MIN_IDENTITIES} identities.
 */
public final class RingDetector {
  static final int MAX_SHARED_IDENTITIES = 50;
  static final int MIN_IDENTITIES = 3;
  static final int MIN_APPLICATIONS = 6;
  static final int MIN_INSTITUTIONS = 3;
  private static final List<EntityKind> JOINING =
      List.of(EntityKind.DEVICE, EntityKind.PHONE, EntityKind.EMAIL, EntityKind.BANK_ACCOUNT);

  private final GraphRepository repository;

  RingDetector(GraphRepository repository) {
    this.repository = repository;
  }

  /**
   * A ring found.
   *
   * @param id a stable id: the smallest application id in it
   * @param applications the applications in it
   * @param identities distinct identities (anchors)
   * @param institutions distinct institutions
   * @param faceLinks faces seen on another identity inside the ring
   * @param sharedTools devices and phones behind {@link #MIN_IDENTITIES} or more identities
   * @param days from the first application to the last
   * @param score larger is more ring-like: identities, institutions and the signals, weighed
   */
  public record Ring(
      UUID id,
      List<UUID> applications,
      int identities,
      int institutions,
      int faceLinks,
      int sharedTools,
      double days,
      double score) {}

  /** Every ring in the graph, highest score first. */
  public List<Ring> detect() {
    Map<UUID, Integer> index = new HashMap<>();
    List<GraphRepository.StoredApplication> apps = new ArrayList<>();
    repository.eachApplication(
        a -> {
          index.put(a.id(), apps.size());
          apps.add(a);
        });
    int n = apps.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    // the same identity
    Map<String, Integer> byIdentity = new HashMap<>();
    for (int i = 0; i < n; i++) {
      byte[] identity = apps.get(i).identityKey();
      if (identity != null) {
        Integer first = byIdentity.putIfAbsent(Arrays.toString(identity), i);
        if (first != null) {
          union(parent, first, i);
        }
      }
    }
    // shared tools held by few identities; remember those behind several identities
    List<int[]> toolGroups = new ArrayList<>();
    List<Integer> group = new ArrayList<>();
    byte[][] current = {null};
    EntityKind[] currentKind = {null};
    repository.eachLink(
        JOINING,
        link -> {
          if (current[0] == null || currentKind[0] != link.kind() || !Arrays.equals(current[0], link.key())) {
            close(apps, parent, group, currentKind[0], toolGroups);
            group.clear();
            current[0] = link.key();
            currentKind[0] = link.kind();
          }
          Integer i = index.get(link.application());
          if (i != null) {
            group.add(i);
          }
        });
    close(apps, parent, group, currentKind[0], toolGroups);
    // faces on other identities
    Map<Integer, Integer> faceLinks = new HashMap<>();
    repository.eachFaceLink(
        edge -> {
          Integer a = index.get((UUID) edge[0]);
          Integer b = index.get((UUID) edge[1]);
          if (a != null && b != null) {
            union(parent, a, b);
            faceLinks.merge(a, 1, Integer::sum);
          }
        });
    Map<Integer, List<Integer>> components = new HashMap<>();
    for (int i = 0; i < n; i++) {
      components.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
    }
    Map<Integer, Integer> toolsByRoot = new HashMap<>();
    for (int[] tool : toolGroups) {
      toolsByRoot.merge(find(parent, tool[0]), 1, Integer::sum);
    }
    List<Ring> rings = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : components.entrySet()) {
      List<Integer> members = e.getValue();
      if (members.size() < MIN_APPLICATIONS) {
        continue;
      }
      Set<String> identities = new HashSet<>();
      Set<UUID> institutions = new HashSet<>();
      Instant first = Instant.MAX;
      Instant last = Instant.MIN;
      int faces = 0;
      UUID smallest = null;
      List<UUID> ids = new ArrayList<>();
      for (int i : members) {
        GraphRepository.StoredApplication a = apps.get(i);
        if (a.identityKey() != null) {
          identities.add(Arrays.toString(a.identityKey()));
        }
        institutions.add(a.tenant());
        first = a.receivedAt().isBefore(first) ? a.receivedAt() : first;
        last = a.receivedAt().isAfter(last) ? a.receivedAt() : last;
        faces += faceLinks.getOrDefault(i, 0);
        ids.add(a.id());
        smallest = smallest == null || a.id().compareTo(smallest) < 0 ? a.id() : smallest;
      }
      int tools = toolsByRoot.getOrDefault(e.getKey(), 0);
      if (identities.size() < MIN_IDENTITIES || institutions.size() < MIN_INSTITUTIONS || (faces == 0 && tools == 0)) {
        continue;
      }
      double days = Duration.between(first, last).toMinutes() / 1440.0;
      double score =
          Math.log(identities.size()) + Math.log(institutions.size()) + Math.min(3, faces) + Math.min(3, tools)
              + (members.size() / Math.max(1.0, days) > 0.5 ? 1 : 0);
      rings.add(new Ring(smallest, ids, identities.size(), institutions.size(), faces, tools, Math.round(days * 10) / 10.0, Math.round(score * 100) / 100.0));
    }
    rings.sort((a, b) -> Double.compare(b.score(), a.score()));
    return rings;
  }

  /** Joins one key's applications if few identities hold it, and notes it when several do. */
  private static void close(
      List<GraphRepository.StoredApplication> apps, int[] parent, List<Integer> group, EntityKind kind, List<int[]> tools) {
    if (group.size() < 2) {
      return;
    }
    Set<String> identities = new HashSet<>();
    for (int i : group) {
      byte[] identity = apps.get(i).identityKey();
      if (identity != null) {
        identities.add(Arrays.toString(identity));
      }
    }
    if (identities.size() > MAX_SHARED_IDENTITIES) {
      return;
    }
    for (int k = 1; k < group.size(); k++) {
      union(parent, group.get(0), group.get(k));
    }
    if (identities.size() >= MIN_IDENTITIES && (kind == EntityKind.DEVICE || kind == EntityKind.PHONE)) {
      tools.add(new int[] {group.get(0)});
    }
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
