package org.bonafide.cli.attack;

import java.util.ArrayList;
import java.util.List;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.EyeState;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.HeadPose;
import org.bonafide.cli.Progress;
import org.bonafide.cli.VideoFrames;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * A decoded video cut into shots (a cut is a jump in the picture between two frames), with each
 * shot's subject followed from frame to frame: the person whose face is most prominent over the
 * shot (largest summed face area), tracked by box overlap, with the face engine's landmarks, head
 * pose and eye state in every frame where the subject's face is found.
 */
final class Footage {
  /** The subject's face in one frame. */
  record Subject(FaceBox box, float[] landmarks, HeadPose pose, EyeState eyes) {
    double centreX() {
      return (box.x1() + box.x2()) / 2.0;
    }

    double centreY() {
      return (box.y1() + box.y2()) / 2.0;
    }

    /** Both eyes' mean open probability. */
    double eyesOpen() {
      return (eyes.leftOpenProbability() + eyes.rightOpenProbability()) / 2.0;
    }
  }

  /** A box is the same face in the next frame when it overlaps the last box at least this much. */
  private static final double TRACK_IOU = 0.3;
  /** A track survives this many frames without its face (a missed detection, a hand) before it ends. */
  private static final int TRACK_GAP = 5;

  /**
   * A cut: the mean absolute grey-level change between consecutive 64x36 thumbnails is above this
   * and several times the clip's usual change. Motion within a shot changes a few levels.
   */
  private static final double CUT_LEVELS = 18;

  private final List<VideoFrames.VideoFrame> frames;
  private final List<Subject> subjects;
  private final int[] shots;
  private final int faceFrames;

  private Footage(List<VideoFrames.VideoFrame> frames, List<Subject> subjects, int[] shots) {
    this.frames = List.copyOf(frames);
    this.shots = shots.clone();
    this.subjects = java.util.Collections.unmodifiableList(new ArrayList<>(subjects));
    this.faceFrames = (int) subjects.stream().filter(s -> s != null).count();
  }

  /**
   * Detects faces in every frame, picks the subject's track, and measures the subject's face.
   *
   * @param progress stepped twice per frame (detection, then measurement)
   * @throws BonafideException {@link ErrorCode#NO_FACE} when no frame shows a face
   */
  static Footage analyse(FaceEngine engine, List<VideoFrames.VideoFrame> frames, Progress progress, String name) {
    List<DecodedImage> images = new ArrayList<>(frames.size());
    List<List<Detection>> detections = new ArrayList<>(frames.size());
    for (VideoFrames.VideoFrame frame : frames) {
      DecodedImage image = new DecodedImage(frame.image(), "video", "", 0);
      images.add(image);
      detections.add(engine.detect(image));
      progress.step();
    }
    int[] shots = shots(frames);
    int[] chosen = new int[frames.size()];
    boolean any = false;
    for (int from = 0; from < frames.size(); ) {
      int to = from;
      while (to < frames.size() && shots[to] == shots[from]) {
        to++;
      }
      int[] track = subjectTrack(detections.subList(from, to));
      for (int i = from; i < to; i++) {
        chosen[i] = track == null ? -1 : track[i - from];
      }
      any |= track != null;
      from = to;
    }
    if (!any) {
      throw new BonafideException(ErrorCode.NO_FACE, "No face found in any frame of " + name + ".");
    }
    List<Subject> subjects = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      if (chosen[i] < 0) {
        subjects.add(null);
      } else {
        DecodedImage image = images.get(i);
        FaceBox box = detections.get(i).get(chosen[i]).box();
        float[] landmarks = engine.landmarks(image, box);
        subjects.add(new Subject(box, landmarks, engine.pose(image, box), engine.eyes(image, landmarks)));
      }
      progress.step();
    }
    return new Footage(frames, subjects, shots);
  }

  /** Footage whose subject is already known (tests, and tools that track by other means). */
  static Footage of(List<VideoFrames.VideoFrame> frames, List<Subject> subjects, int[] shots) {
    if (frames.size() != subjects.size() || frames.size() != shots.length || frames.isEmpty()) {
      throw new IllegalArgumentException("one subject (or null) and one shot number per frame, at least one frame");
    }
    return new Footage(frames, subjects, shots);
  }

  /** The shot number of each frame, from 0, counting cuts. */
  static int[] shots(List<VideoFrames.VideoFrame> frames) {
    int[] shots = new int[frames.size()];
    if (frames.isEmpty()) {
      return shots;
    }
    double[] change = new double[frames.size()];
    int[] previous = thumbnail(frames.get(0).image());
    for (int i = 1; i < frames.size(); i++) {
      int[] current = thumbnail(frames.get(i).image());
      double sum = 0;
      for (int k = 0; k < current.length; k++) {
        sum += Math.abs(current[k] - previous[k]);
      }
      change[i] = sum / current.length;
      previous = current;
    }
    double[] sorted = java.util.Arrays.copyOfRange(change, 1, change.length);
    java.util.Arrays.sort(sorted);
    double usual = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    for (int i = 1; i < frames.size(); i++) {
      boolean cut = change[i] > CUT_LEVELS && change[i] > 4 * usual;
      shots[i] = shots[i - 1] + (cut ? 1 : 0);
    }
    return shots;
  }

  /** A 64x36 grey thumbnail (box-averaged), whatever the frame's size. */
  private static int[] thumbnail(java.awt.image.BufferedImage image) {
    int tw = 64;
    int th = 36;
    int[] sum = new int[tw * th];
    int[] count = new int[tw * th];
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] bgr = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < h; y++) {
      int ty = y * th / h;
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 3;
        int grey = ((bgr[p] & 0xff) + 2 * (bgr[p + 1] & 0xff) + (bgr[p + 2] & 0xff)) / 4;
        int k = ty * tw + x * tw / w;
        sum[k] += grey;
        count[k]++;
      }
    }
    for (int k = 0; k < sum.length; k++) {
      sum[k] = count[k] == 0 ? 0 : sum[k] / count[k];
    }
    return sum;
  }

  /**
   * Links detections into tracks by overlap and returns, per frame, the index of the subject
   * track's detection (-1 where it has none), or null when there are no faces at all.
   */
  static int[] subjectTrack(List<List<Detection>> detections) {
    int n = detections.size();
    List<int[]> tracks = new ArrayList<>(); // per track: detection index per frame, -1 when absent
    List<FaceBox> last = new ArrayList<>();
    List<Integer> lastFrame = new ArrayList<>();
    List<Double> area = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      List<Detection> faces = detections.get(f);
      boolean[] taken = new boolean[faces.size()];
      // Each live track takes its best-overlapping face; larger tracks choose first.
      List<Integer> order = new ArrayList<>();
      for (int t = 0; t < tracks.size(); t++) {
        if (f - lastFrame.get(t) <= TRACK_GAP) {
          order.add(t);
        }
      }
      order.sort((a, b) -> Double.compare(area.get(b), area.get(a)));
      for (int t : order) {
        int best = -1;
        double bestIou = TRACK_IOU;
        for (int d = 0; d < faces.size(); d++) {
          double iou = iou(last.get(t), faces.get(d).box());
          if (!taken[d] && iou >= bestIou) {
            best = d;
            bestIou = iou;
          }
        }
        if (best >= 0) {
          taken[best] = true;
          tracks.get(t)[f] = best;
          last.set(t, faces.get(best).box());
          lastFrame.set(t, f);
          area.set(t, area.get(t) + faces.get(best).box().area());
        }
      }
      for (int d = 0; d < faces.size(); d++) {
        if (!taken[d]) {
          int[] track = new int[n];
          java.util.Arrays.fill(track, -1);
          track[f] = d;
          tracks.add(track);
          last.add(faces.get(d).box());
          lastFrame.add(f);
          area.add((double) faces.get(d).box().area());
        }
      }
    }
    int best = -1;
    for (int t = 0; t < tracks.size(); t++) {
      if (best < 0 || area.get(t) > area.get(best)) {
        best = t;
      }
    }
    return best < 0 ? null : tracks.get(best);
  }

  static double iou(FaceBox a, FaceBox b) {
    double ix = Math.max(0, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()));
    double iy = Math.max(0, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()));
    double inter = ix * iy;
    double union = a.area() + b.area() - inter;
    return union <= 0 ? 0 : inter / union;
  }

  List<VideoFrames.VideoFrame> frames() {
    return frames;
  }

  /** The subject in frame {@code i}, or null where the subject's face was not found. */
  Subject subject(int i) {
    return subjects.get(i);
  }

  int size() {
    return frames.size();
  }

  /** The shot of frame {@code i}: frames of one shot are consecutive and share the number. */
  int shot(int i) {
    return shots[i];
  }

  /** Frames where the subject's face was found. */
  int faceFrames() {
    return faceFrames;
  }

  long timestampMs(int i) {
    return frames.get(i).timestampMs();
  }

  /** The clip's length: the last frame's time plus one frame interval. */
  long durationMs() {
    long last = frames.get(frames.size() - 1).timestampMs();
    return last + Math.max(1, frameIntervalMs());
  }

  /** The median interval between frames, in milliseconds. */
  long frameIntervalMs() {
    if (frames.size() < 2) {
      return 40;
    }
    long[] gaps = new long[frames.size() - 1];
    for (int i = 1; i < frames.size(); i++) {
      gaps[i - 1] = frames.get(i).timestampMs() - frames.get(i - 1).timestampMs();
    }
    java.util.Arrays.sort(gaps);
    return Math.max(1, gaps[gaps.length / 2]);
  }

  /** The frame shown at time {@code ms}: the last one whose timestamp is at or before it. */
  int frameAt(long ms) {
    int lo = 0;
    int hi = frames.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (frames.get(mid).timestampMs() <= ms) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
