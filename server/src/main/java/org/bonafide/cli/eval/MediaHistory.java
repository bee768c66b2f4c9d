package org.bonafide.cli.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bonafide.liveness.FrameFingerprint;
import org.bonafide.liveness.MediaFingerprints;
import org.bonafide.liveness.ReplayCheck;

/**
 * The evaluations' stand-in for the service's fingerprint table: the frames of the sessions
 * analysed so far in one run, all of one institution, searched exhaustively (a run holds hundreds
 * of sessions, not millions).
 */
final class MediaHistory implements ReplayCheck.History {
  /** The one institution every evaluated session belongs to. */
  private static final UUID INSTITUTION = new UUID(0, 1);

  private record Entry(UUID session, FrameFingerprint print, boolean face) {}

  private final List<Entry> entries = new ArrayList<>();

  /**
   * Earlier frames within {@code maxFineDistance} of these fingerprints, among whole frames or
   * (with {@code face}) among face boxes.
   */
  @Override
  public List<ReplayCheck.Sighting> sightings(List<FrameFingerprint> prints, boolean face, int maxFineDistance) {
    List<ReplayCheck.Sighting> sightings = new ArrayList<>();
    for (FrameFingerprint print : prints) {
      for (Entry entry : entries) {
        if (entry.face() != face) {
          continue;
        }
        int distance = print.fineDistance(entry.print().fine());
        if (distance <= maxFineDistance) {
          sightings.add(
              new ReplayCheck.Sighting(
                  print.frameIndex(), entry.session(), INSTITUTION, true, Instant.EPOCH, distance, face));
        }
      }
    }
    return sightings;
  }

  void record(UUID session, MediaFingerprints prints) {
    for (FrameFingerprint print : prints.frames()) {
      entries.add(new Entry(session, print, false));
    }
    for (FrameFingerprint print : prints.faces()) {
      entries.add(new Entry(session, print, true));
    }
  }
}
