package org.bonafide.liveness;

import java.util.List;

/**
 * A capture's fingerprints for the replay check, made while its frames were analysed: whole frames
 * and the primary face's box ({@link FrameFingerprint#ofImage}, {@link FrameFingerprint#ofFace}).
 *
 * @param frames one per frame that decoded and is not nearly uniform
 * @param faces one per frame with a face whose box is not nearly uniform
 */
public record MediaFingerprints(List<FrameFingerprint> frames, List<FrameFingerprint> faces) {
  /** No fingerprints (an analysis that broke, or a test's report). */
  public static final MediaFingerprints NONE = new MediaFingerprints(List.of(), List.of());

  public MediaFingerprints {
    frames = List.copyOf(frames);
    faces = List.copyOf(faces);
  }
}
