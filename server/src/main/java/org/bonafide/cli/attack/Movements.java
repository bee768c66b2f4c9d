package org.bonafide.cli.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bonafide.liveness.Prompt;

/**
 * Finds the head movements and blinks a person really makes in a stretch of footage, by this
 * tool's own criteria (never the liveness detectors' settings, which it must not mirror):
 *
 * <ul>
 *   <li>yaw and pitch are smoothed with a 5-frame running median (the pose model jitters by a few
 *       degrees from frame to frame); the person's neutral is the median over the stretch;
 *   <li>a movement is an excursion from the neutral that passes {@value #PEAK_DEGREES} degrees and
 *       comes back within {@value #BACK_DEGREES} degrees (or past the neutral) inside the stretch;
 *       its direction is the person's own: positive yaw (the face turned towards the image's left)
 *       is {@code turn_right}, positive pitch {@code look_up}. When a yaw and a pitch excursion
 *       overlap, the larger one is the movement;
 *   <li>a blink is 1 to {@value #BLINK_MAX_MS} ms of frames where both eyes' open probability is
 *       below {@value #CLOSED} with open eyes (above {@value #OPEN}) just before and after, while the
 *       face is within {@value #FRONTAL_DEGREES} degrees of its neutral yaw.
 * </ul>
 */
final class Movements {
  static final double PEAK_DEGREES = 12;
  static final double BACK_DEGREES = 5;
  static final double CLOSED = 0.35;
  static final double OPEN = 0.6;
  static final long BLINK_MAX_MS = 500;
  static final double FRONTAL_DEGREES = 25;

  /**
   * One movement or blink, as frame indices of the footage.
   *
   * @param prompt the prompt it answers
   * @param start the first frame of the excursion (or the last open-eyed frame before a blink)
   * @param peak the frame of the largest excursion (or the first closed-eye frame)
   * @param end the frame where it is back (or the first open-eyed frame after a blink)
   * @param degrees the excursion's size (0 for a blink)
   */
  record Event(Prompt prompt, int start, int peak, int end, double degrees) {}

  /** The stretch's smoothed pose and neutral, for the simulator's steadiness measure too. */
  record Pose(double[] yaw, double[] pitch, double neutralYaw, double neutralPitch) {}

  private Movements() {}

  /** Smoothed yaw and pitch over frames [from, to) (gaps take the nearest seen value). */
  static Pose pose(Footage footage, int from, int to) {
    int len = to - from;
    double[] yaw = new double[len];
    double[] pitch = new double[len];
    boolean[] seen = new boolean[len];
    for (int i = 0; i < len; i++) {
      Footage.Subject s = footage.subject(from + i);
      if (s != null) {
        yaw[i] = s.pose().yaw();
        pitch[i] = s.pose().pitch();
        seen[i] = true;
      }
    }
    fill(yaw, seen);
    fill(pitch, seen);
    yaw = median5(yaw);
    pitch = median5(pitch);
    return new Pose(yaw, pitch, median(yaw), median(pitch));
  }

  /** The movements and blinks in frames [from, to), in time order, none overlapping. */
  static List<Event> find(Footage footage, int from, int to) {
    Pose pose = pose(footage, from, to);
    List<Event> movements = new ArrayList<>();
    movements.addAll(excursions(pose.yaw(), pose.neutralYaw(), from, Prompt.TURN_RIGHT, Prompt.TURN_LEFT));
    movements.addAll(excursions(pose.pitch(), pose.neutralPitch(), from, Prompt.LOOK_UP, Prompt.LOOK_DOWN));
    movements.sort(Comparator.comparingDouble((Event e) -> -e.degrees()));
    List<Event> kept = new ArrayList<>();
    for (Event e : movements) {
      if (kept.stream().noneMatch(k -> overlaps(k, e))) {
        kept.add(e);
      }
    }
    for (Event blink : blinks(footage, pose, from, to)) {
      if (kept.stream().noneMatch(k -> overlaps(k, blink))) {
        kept.add(blink);
      }
    }
    kept.sort(Comparator.comparingInt(Event::start));
    return kept;
  }

  private static boolean overlaps(Event a, Event b) {
    return a.start() <= b.end() && b.start() <= a.end();
  }

  private static List<Event> excursions(double[] angle, double neutral, int offset, Prompt positive, Prompt negative) {
    List<Event> events = new ArrayList<>();
    int i = 0;
    while (i < angle.length) {
      double d = angle[i] - neutral;
      if (Math.abs(d) < BACK_DEGREES) {
        i++;
        continue;
      }
      int sign = d > 0 ? 1 : -1;
      int start = i;
      int peak = i;
      while (i < angle.length && sign * (angle[i] - neutral) >= BACK_DEGREES) {
        if (sign * (angle[i] - neutral) > sign * (angle[peak] - neutral)) {
          peak = i;
        }
        i++;
      }
      double size = Math.abs(angle[peak] - neutral);
      boolean cameBack = i < angle.length;
      boolean wasAway = start > 0; // it also began at the neutral, not before the stretch
      if (size >= PEAK_DEGREES && cameBack && wasAway) {
        events.add(new Event(sign > 0 ? positive : negative, offset + start, offset + peak, offset + i, size));
      }
    }
    return events;
  }

  private static List<Event> blinks(Footage footage, Pose pose, int from, int to) {
    List<Event> events = new ArrayList<>();
    int i = from;
    while (i < to) {
      if (!closed(footage.subject(i))) {
        i++;
        continue;
      }
      int first = i;
      while (i < to && closed(footage.subject(i))) {
        i++;
      }
      int before = first - 1;
      int after = i;
      if (before < from || after >= to) {
        continue;
      }
      boolean openAround = open(footage.subject(before)) && open(footage.subject(after));
      boolean shortEnough = footage.timestampMs(after - 1) - footage.timestampMs(first) <= BLINK_MAX_MS;
      boolean frontal = true;
      for (int k = before; k <= after; k++) {
        frontal &= Math.abs(pose.yaw()[k - from] - pose.neutralYaw()) <= FRONTAL_DEGREES;
      }
      if (openAround && shortEnough && frontal) {
        events.add(new Event(Prompt.BLINK, before, first, after, 0));
      }
    }
    return events;
  }

  private static boolean closed(Footage.Subject s) {
    return s != null && Math.max(s.eyes().leftOpenProbability(), s.eyes().rightOpenProbability()) < CLOSED;
  }

  private static boolean open(Footage.Subject s) {
    return s != null && Math.min(s.eyes().leftOpenProbability(), s.eyes().rightOpenProbability()) > OPEN;
  }

  private static void fill(double[] values, boolean[] seen) {
    int last = -1;
    for (int i = 0; i < values.length; i++) {
      if (seen[i]) {
        for (int k = last + 1; k < i; k++) {
          values[k] = last < 0 ? values[i] : values[last];
        }
        last = i;
      }
    }
    for (int k = last + 1; k < values.length && last >= 0; k++) {
      values[k] = values[last];
    }
  }

  private static double[] median5(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      int a = Math.max(0, i - 2);
      int b = Math.min(values.length, i + 3);
      out[i] = median(Arrays.copyOfRange(values, a, b));
    }
    return out;
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
