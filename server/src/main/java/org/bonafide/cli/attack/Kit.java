package org.bonafide.cli.attack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.liveness.SessionFolder;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * The whole attack kit as {@code eval attacks} builds it: every kind, what each is made from, and
 * the attack sessions of the chosen kinds made from bona fide session folders and written as
 * session folders for the evaluation to analyse.
 *
 * <p>New attack kinds are one entry in {@link #KIT}: a name and a {@link Generator} that makes the
 * n-th session of that kind from the {@link Materials}.
 *
 * <p>Public for {@code eval attacks}, which analyses what it builds.
 */
public final class Kit {
  /** Where {@code --kit} is not given: every kind whose material is at hand. */
  public static final String ALL = "all";

  /** The face swaps' kinds, which {@code eval attacks} holds to a goal of their own. */
  public static final String FACE_SWAP = FaceSwap.KIND;

  public static final String FACE_SWAP_3D = MeshAttacks.FACE_SWAP_3D;
  public static final String BLEND_SWAP = MeshAttacks.BLEND_SWAP;

  /** What a kind needs beyond the bona fide sessions. */
  enum Need {
    /** photos: {@code --photo} and the sharpest frame of every bona fide session */
    PHOTOS,
    /** the decoded {@code --video} */
    VIDEO
  }

  /**
   * What the attacks are made from.
   *
   * @param bonaFideFolders the bona fide session folders, in path order
   * @param bonaFide the same, read
   * @param photos {@code --photo} (when given) then each bona fide session's sharpest frame with a
   *     face; empty unless a selected kind needs {@link Need#PHOTOS}
   * @param video {@code --video}, or null
   * @param footage the decoded video, or null unless a selected kind needs {@link Need#VIDEO}
   */
  record Materials(
      List<Path> bonaFideFolders,
      List<SessionFolder> bonaFide,
      List<AttackKit.Source> photos,
      Path video,
      Footage footage,
      Framing framing,
      List<int[]> usableShots,
      int fps,
      FaceEngine engine) {}

  /** An attack session and the name of what it was made from (for its folder's name). */
  record Made(String source, SessionFolder session) {}

  /** Makes the n-th attack session of a kind (n from 0), drawing everything random from {@code random}. */
  @FunctionalInterface
  interface Generator {
    Made make(Materials materials, int n, SplittableRandom random);
  }

  /** Makes an attack from the n-th bona fide session (its folder's name given). */
  @FunctionalInterface
  interface SessionAttack {
    SessionFolder make(Materials materials, SessionFolder source, String name, int n, SplittableRandom random);
  }

  /** A generator that takes bona fide session n mod their number as the attack's source. */
  static Generator onSession(SessionAttack attack) {
    return (m, n, random) -> {
      int i = n % m.bonaFide().size();
      String name = m.bonaFideFolders().get(i).getFileName().toString();
      return new Made(name, attack.make(m, m.bonaFide().get(i), name, n, random));
    };
  }

  /** A kit entry: what the kind needs and how to make it. */
  record Kind(Set<Need> needs, Generator generator) {}

  /** The attack kinds {@code eval attacks} builds, in the report's order. */
  static final Map<String, Kind> KIT = kit();

  private static Map<String, Kind> kit() {
    Map<String, Kind> kit = new LinkedHashMap<>();
    for (String kind : List.of(AttackKit.PHOTO, AttackKit.ANIMATED_PHOTO, AttackKit.ID_PHOTO_AS_SELFIE)) {
      kit.put(
          kind,
          new Kind(
              Set.of(Need.PHOTOS),
              (m, n, random) -> {
                AttackKit.Source source = m.photos().get(n % m.photos().size());
                return new Made(source.name(), AttackKit.photoSession(kind, source, m.fps(), random));
              }));
    }
    kit.put(
        AttackKit.REPLAY_SESSION,
        new Kind(
            Set.of(),
            (m, n, random) -> {
              int i = n % m.bonaFide().size();
              String name = m.bonaFideFolders().get(i).getFileName().toString();
              return new Made(name, AttackKit.replaySession(m.bonaFide().get(i), name, random));
            }));
    kit.put(
        AttackKit.VIRTUAL_CAMERA,
        new Kind(
            Set.of(),
            (m, n, random) -> {
              int i = n % m.bonaFide().size();
              String name = m.bonaFideFolders().get(i).getFileName().toString();
              return new Made(name, AttackKit.virtualCamera(m.bonaFide().get(i), name, m.fps(), random));
            }));
    kit.put(
        FaceSwap.KIND,
        new Kind(
            Set.of(Need.PHOTOS),
            onSession((m, source, name, n, random) -> FaceSwap.swapSession(m.engine(), source, name, swapIdentity(m, name, n)))));
    kit.put(
        MeshAttacks.FACE_SWAP_3D,
        new Kind(
            Set.of(Need.PHOTOS),
            onSession(
                (m, source, name, n, random) ->
                    MeshAttacks.faceSwap3d(m.engine(), source, name, swapIdentity(m, name, n), random))));
    kit.put(
        MeshAttacks.BLEND_SWAP,
        new Kind(
            Set.of(Need.PHOTOS),
            onSession(
                (m, source, name, n, random) -> {
                  List<AttackKit.Source> others = m.photos().stream().filter(p -> !p.name().equals(name)).toList();
                  if (others.isEmpty()) {
                    throw new BonafideException(
                        ErrorCode.VALIDATION_FAILED,
                        "eval attacks: a blend swap needs another face than the session's own: give --photo.");
                  }
                  return MeshAttacks.blendSwap(m.engine(), source, name, others, random);
                })));
    kit.put(
        MeshAttacks.REENACTMENT,
        new Kind(
            Set.of(Need.PHOTOS),
            onSession((m, source, name, n, random) -> MeshAttacks.reenactment(m.engine(), source, name, swapIdentity(m, name, n)))));
    kit.put(
        ReplayAttack.ATTACK_TYPE,
        new Kind(
            Set.of(Need.VIDEO),
            (m, n, random) ->
                new Made(
                    SessionVideo.stem(m.video()),
                    ReplayAttack.replay(m.footage(), m.framing(), m.usableShots(), m.fps(), random, m.video()).session())));
    return Collections.unmodifiableMap(kit);
  }

  /**
   * Identity A of the n-th face swap onto session {@code target}: {@code --photo} when given (the
   * photos that are not a bona fide session's own frame), else the sharpest frame of another bona
   * fide session (a swap between two applicants).
   */
  private static AttackKit.Source swapIdentity(Materials m, String target, int n) {
    Set<String> sessions = new java.util.HashSet<>();
    m.bonaFideFolders().forEach(f -> sessions.add(f.getFileName().toString()));
    List<AttackKit.Source> given = m.photos().stream().filter(p -> !sessions.contains(p.name())).toList();
    List<AttackKit.Source> candidates =
        given.isEmpty() ? m.photos().stream().filter(p -> !p.name().equals(target)).toList() : given;
    if (candidates.isEmpty()) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED,
          "eval attacks: a face swap needs another face than the session's own: give --photo, or two bona fide sessions.");
    }
    return candidates.get(n % candidates.size());
  }

  private final List<String> kinds;
  private final Set<Need> needs;
  private final List<Path> bonaFideFolders;
  private final List<SessionFolder> bonaFide;
  private final Path photo;
  private final Path video;
  private final Footage footage;
  private final Framing framing;
  private final List<int[]> usable;
  private final int fps;

  private Kit(
      List<String> kinds,
      Set<Need> needs,
      List<Path> bonaFideFolders,
      List<SessionFolder> bonaFide,
      Path photo,
      Path video,
      Footage footage,
      Framing framing,
      List<int[]> usable,
      int fps) {
    this.kinds = kinds;
    this.needs = needs;
    this.bonaFideFolders = bonaFideFolders;
    this.bonaFide = bonaFide;
    this.photo = photo;
    this.video = video;
    this.footage = footage;
    this.framing = framing;
    this.usable = usable;
    this.fps = fps;
  }

  /**
   * The kinds {@code --kit} names: {@code all} is every kind whose material is at hand (kinds that
   * need a video only with {@code --video}); otherwise a comma-separated list of kinds, each once,
   * in the kit's order.
   */
  public static List<String> parse(String value, boolean haveVideo) {
    if (value.trim().equals(ALL)) {
      return KIT.entrySet().stream()
          .filter(e -> haveVideo || !e.getValue().needs().contains(Need.VIDEO))
          .map(Map.Entry::getKey)
          .toList();
    }
    Set<String> named = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String kind = part.trim();
      if (!KIT.containsKey(kind)) {
        throw Args.usage(
            "eval attacks: --kit names '" + kind + "', not a kit kind; the kinds are all, " + String.join(", ", KIT.keySet()) + ".");
      }
      if (KIT.get(kind).needs().contains(Need.VIDEO) && !haveVideo) {
        throw Args.usage("eval attacks: the kind " + kind + " needs --video FILE.");
      }
      named.add(kind);
    }
    return KIT.keySet().stream().filter(named::contains).toList();
  }

  /** The output folder, created; fails with a clear message when it is a file. */
  public static Path outputDir(Args args) {
    return SessionVideo.outputDir(args);
  }

  /** Reads a face photo's file; fails when it is missing. */
  public static byte[] readPhoto(Path file) {
    return AttackKit.readFile(file);
  }

  /** Session folders under {@code dir} labelled bona fide (or unlabelled); fails when there are none. */
  public static List<Path> bonaFideFolders(Path dir) {
    return AttackKit.bonaFideFolders(dir);
  }

  /**
   * The chosen kinds and their material; when a kind needs {@code --video}, the video is decoded
   * and its subject followed here, with progress on standard error.
   *
   * @param kinds as {@link #parse} returns them
   * @param bonaFideFolders the bona fide session folders, in path order
   * @param bonaFide the same, read
   * @param photo {@code --photo}, or null
   * @param video {@code --video}, or null
   */
  public static Kit prepare(
      List<String> kinds,
      List<Path> bonaFideFolders,
      List<SessionFolder> bonaFide,
      Path photo,
      Path video,
      int fps,
      CommandContext ctx) {
    Set<Need> needs = needsOf(kinds);
    Footage footage = null;
    Framing framing = null;
    List<int[]> usable = List.of();
    if (needs.contains(Need.VIDEO)) {
      footage = SessionVideo.footage(video, ctx, "eval attacks");
      framing = Framing.of(footage);
      usable = BonaFideSimulation.usableShots(footage);
    }
    return new Kit(kinds, needs, bonaFideFolders, bonaFide, photo, video, footage, framing, usable, fps);
  }

  /**
   * Builds {@code count} attacks per bona fide session of every chosen kind, in the kit's order,
   * and writes each to {@code sessionsDir/<kind>/<source>-<kind>-NNN}; each session's choices come
   * from a generator seeded with {@code seed}, its number and its kind.
   *
   * @return the folders written, in the order they were built, with their kinds
   */
  public Map<Path, String> build(FaceEngine engine, int count, int seed, Path sessionsDir, PrintStream err) {
    List<AttackKit.Source> photos = new ArrayList<>();
    if (needs.contains(Need.PHOTOS)) {
      if (photo != null) {
        photos.add(AttackKit.photoSource(engine, photo));
      }
      for (int i = 0; i < bonaFideFolders.size(); i++) {
        photos.add(AttackKit.sharpestSource(engine, bonaFideFolders.get(i), bonaFide.get(i)));
      }
    }
    Materials materials = new Materials(bonaFideFolders, bonaFide, photos, video, footage, framing, usable, fps, engine);
    Map<Path, String> kindOf = new LinkedHashMap<>();
    int perKind = count * bonaFideFolders.size();
    for (String kind : kinds) {
      for (int n = 0; n < perKind; n++) {
        SplittableRandom random = new SplittableRandom((seed * 1_000_003L + n) * 31 + kind.hashCode());
        Made made = KIT.get(kind).generator().make(materials, n, random);
        Path folder =
            sessionsDir.resolve(kind).resolve(String.format(Locale.ROOT, "%s-%s-%03d", safe(made.source()), kind, n));
        made.session().write(folder);
        kindOf.put(folder, kind);
      }
      err.printf(Locale.ROOT, "[bonafide] eval attacks: built %d %s sessions%n", perKind, kind);
    }
    return kindOf;
  }

  private static Set<Need> needsOf(List<String> kinds) {
    Set<Need> needs = java.util.EnumSet.noneOf(Need.class);
    kinds.forEach(k -> needs.addAll(KIT.get(k).needs()));
    return needs;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
