package org.bonafide.liveness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The replay detector: frames of this capture that were seen before, in an earlier session of this
 * institution or of another. It needs the history of fingerprints ({@link FrameFingerprint}), which
 * whoever keeps it (the service's database, the evaluation's memory) looks up; this class judges
 * what was found. Another institution's sessions are only counted, never named.
 */
public final class ReplayCheck {
  public static final String ID = "replay";
  public static final String DESCRIPTION =
      "Frames of the capture match frames submitted in an earlier session, here or at another institution.";

  private ReplayCheck() {}

  /**
   * A frame of this capture that matches a frame of an earlier session.
   *
   * @param frameIndex this capture's frame
   * @param earlierSession the earlier session
   * @param institution the earlier session's institution (counted, never reported for others)
   * @param sameInstitution whether that is this capture's institution
   * @param firstSeen when the earlier frame was recorded
   * @param distance differing bits of the fine fingerprints
   * @param face whether the frames' face boxes matched ({@link FrameFingerprint#ofFace}) rather than
   *     the whole frames
   */
  public record Sighting(
      int frameIndex,
      UUID earlierSession,
      UUID institution,
      boolean sameInstitution,
      Instant firstSeen,
      int distance,
      boolean face) {
    /** A sighting of a whole frame. */
    public Sighting(
        int frameIndex, UUID earlierSession, UUID institution, boolean sameInstitution, Instant firstSeen, int distance) {
      this(frameIndex, earlierSession, institution, sameInstitution, firstSeen, distance, false);
    }
  }

  /** Where earlier sessions' fingerprints are kept: the service's table, an evaluation's memory. */
  @FunctionalInterface
  public interface History {
    /**
     * Earlier fingerprints within {@code maxDistance} differing fine bits of these: among face
     * boxes when {@code face}, else among whole frames.
     */
    List<Sighting> sightings(List<FrameFingerprint> prints, boolean face, int maxDistance);
  }

  /**
   * Looks the capture's whole frames (within {@code max-fine-distance}) and face boxes (within
   * {@code max-face-distance}) up in the history and judges what was found.
   */
  public static CheckResult check(MediaFingerprints prints, History history, ReplayCheck.Settings settings) {
    List<Sighting> sightings = new ArrayList<>(history.sightings(prints.frames(), false, settings.maxFineDistance()));
    sightings.addAll(history.sightings(prints.faces(), true, settings.maxFaceDistance()));
    return evaluate(prints.frames().size(), sightings, settings);
  }

  public static CheckResult evaluate(int fingerprinted, List<Sighting> sightings, ReplayCheck.Settings settings) {
    Set<Integer> matched = new TreeSet<>();
    Set<Integer> byFrame = new TreeSet<>();
    Set<Integer> byFace = new TreeSet<>();
    Set<UUID> ownSessions = new TreeSet<>();
    Set<UUID> otherInstitutions = new HashSet<>();
    Instant firstSeen = null;
    for (Sighting s : sightings) {
      matched.add(s.frameIndex());
      (s.face() ? byFace : byFrame).add(s.frameIndex());
      if (s.sameInstitution()) {
        ownSessions.add(s.earlierSession());
      } else {
        otherInstitutions.add(s.institution());
      }
      if (firstSeen == null || s.firstSeen().isBefore(firstSeen)) {
        firstSeen = s.firstSeen();
      }
    }
    double share = fingerprinted == 0 ? 0 : Math.min(1, matched.size() / (double) fingerprinted);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("fingerprintedFrames", fingerprinted);
    details.put("matchedFrames", matched.size());
    details.put("matchedWholeFrames", byFrame.size());
    details.put("matchedFaces", byFace.size());
    details.put("matchedShare", Math.round(share * 1000) / 1000.0);
    details.put("earlierSessionsOfThisInstitution", ownSessions.stream().map(UUID::toString).toList());
    details.put("otherInstitutions", otherInstitutions.size());
    if (firstSeen != null) {
      details.put("firstSeen", firstSeen.toString());
      details.put(
          "closestDistance", sightings.stream().min(Comparator.comparingInt(Sighting::distance)).orElseThrow().distance());
    }
    boolean replayed = matched.size() >= settings.minMatchedFrames() && share >= settings.minMatchedShare();
    // the score falls with the share matched, and only as far as the matched frames are enough to tell
    double evidence = Math.min(1, share) * Math.min(1, matched.size() / (double) Math.max(1, settings.minMatchedFrames()));
    return new CheckResult(
        ID,
        !replayed,
        1 - evidence,
        replayed ? LivenessReason.MEDIA_SEEN_BEFORE.code() : null,
        List.copyOf(matched),
        details);
  }

  /**
   * The settings of this check, under {@code bonafide.detectors.<id>} ({@code docs/liveness.md}).
   *
   * @param enabled whether the check runs
   * @param maxFineDistance differing bits (of 256) of the fine fingerprints at or below which two
   *     frames are the same.
   * @param maxFaceDistance differing bits (of 256) of the face-box fingerprints at or below which
   *     two faces are the same picture; stricter than for whole frames, because two captures of
   *     one person's face are more alike than two whole frames.
   * @param minMatchedFrames matched frames from which a capture counts as replayed (with the share
   *     below).
   * @param minMatchedShare share of the capture's fingerprinted frames that must match.
   */
  @ConfigurationProperties(DetectorSettings.PREFIX + ID)
  public record Settings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("24") int maxFineDistance,
      @DefaultValue("16") int maxFaceDistance,
      @DefaultValue("8") int minMatchedFrames,
      @DefaultValue("0.2") double minMatchedShare)
      implements DetectorSettings {
    public Settings {
      DetectorSettings.atLeast("max-fine-distance", maxFineDistance, 0);
      DetectorSettings.atLeast("max-face-distance", maxFaceDistance, 0);
      DetectorSettings.atLeast("min-matched-frames", minMatchedFrames, 1);
      DetectorSettings.between("min-matched-share", minMatchedShare, 0, 1);
    }

    /** The defaults. */
    public static Settings defaults() {
      return DetectorSettings.defaults(Settings.class);
    }
  }
}
