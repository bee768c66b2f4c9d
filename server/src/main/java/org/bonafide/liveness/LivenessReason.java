package org.bonafide.liveness;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The catalogue of reasons a capture did not pass. Codes are stable: clients and the analyst
 * console key on them. Declaration order is importance: an outcome lists its reasons in this
 * order, attack-type reasons ({@link Outcome#FAILED}) before retry-type ones. The table in {@code
 * docs/liveness.md} is this enum.
 */
public enum LivenessReason {
  MEDIA_SEEN_BEFORE(
      "media-seen-before",
      Outcome.FAILED,
      "Frames of this capture were submitted before, in an earlier session here or at another institution."),
  REFERENCE_PHOTO_AS_SELFIE(
      "reference-photo-as-selfie",
      Outcome.FAILED,
      "The face on camera is the reference (or document) photo itself, not a live capture of its holder."),
  MULTIPLE_FACES("multiple-faces", Outcome.FAILED, "More than one face was seen during the capture."),
  DIFFERENT_PERSON("different-person", Outcome.FAILED, "Frames show different people."),
  REFERENCE_MISMATCH(
      "reference-mismatch", Outcome.FAILED, "The face does not match the reference photo."),
  PRESENTATION_ATTACK(
      "presentation-attack",
      Outcome.FAILED,
      "The passive attack model scores the face as a print, screen or mask."),
  COLOUR_SCHEDULE_MISMATCH(
      "colour-schedule-mismatch",
      Outcome.FAILED,
      "The colours the client reports on screen are not the challenge's colours in order."),
  COLOUR_RESPONSE_MISSING(
      "colour-response-missing", Outcome.FAILED, "The skin's colour did not change while the screen flashed."),
  COLOUR_RESPONSE_MISMATCH(
      "colour-response-mismatch",
      Outcome.FAILED,
      "The skin's colour changed, but not following the displayed colour sequence."),
  COLOUR_LAG_INCONSISTENT(
      "colour-lag-inconsistent",
      Outcome.FAILED,
      "The skin followed the colours with a lag that differs between parts of the sequence."),
  COLOUR_RESPONSE_FLAT(
      "colour-response-flat",
      Outcome.FAILED,
      "The colour response is as strong at the face's sides or in the background as at its centre:"
          + " a flat surface or a tinted image, not a face lit from the front."),
  MOVEMENT_WRONG_ORDER(
      "movement-wrong-order", Outcome.FAILED, "A requested head movement was made at another prompt's time."),
  MOVEMENT_WRONG_DIRECTION(
      "movement-wrong-direction", Outcome.FAILED, "The head moved, but not in the requested direction."),
  MOVEMENT_NOT_SEEN("movement-not-seen", Outcome.FAILED, "A requested head movement was not seen in its window."),
  MOVEMENT_INCOMPLETE(
      "movement-incomplete",
      Outcome.FAILED,
      "The head turned as requested but did not come back toward the screen in the window."),
  BLINK_NOT_SEEN("blink-not-seen", Outcome.FAILED, "No blink (both eyes closed, then open) in the blink window."),
  HAND_SWEEP_NOT_SEEN(
      "hand-sweep-not-seen",
      Outcome.FAILED,
      "The face was not covered and then clear again during the hand-sweep window."),
  PROFILE_TURN_NOT_SEEN(
      "profile-turn-not-seen",
      Outcome.RETRY,
      "The head did not turn far enough to show the face side-on, or did not come back, in the profile"
          + " window."),
  PROFILE_IDENTITY_CHANGED(
      "profile-identity-changed",
      Outcome.FAILED,
      "The face turning to a profile stopped resembling the frontal face, or the face mesh lost it while"
          + " the face was still found: the side of the head does not belong to the face shown from the"
          + " front, as when a face swap ends at its mask."),
  NO_PARALLAX(
      "no-parallax",
      Outcome.FAILED,
      "The face turned without parallax: one planar transform explains its landmarks, as for a moved or"
          + " warped photo."),
  EYES_MOVE_TEXTURE_STATIC(
      "eyes-move-texture-static",
      Outcome.FAILED,
      "The eyes blinked while the rest of the face stayed the same picture, as on an animated photo (only"
          + " when static-texture.enforce is set)."),
  VIRTUAL_CAMERA(
      "virtual-camera",
      Outcome.FAILED,
      "The client reports a camera whose name is a known virtual camera or emulator camera."),
  EMULATOR(
      "emulator",
      Outcome.FAILED,
      "The client's user agent or device model names a known Android emulator or app player."),
  FRAME_TIMING_SYNTHETIC(
      "frame-timing-synthetic",
      Outcome.FAILED,
      "Frame timestamps repeat or are more regular than a browser's timer ever is."),
  FRAMES_REPEATED(
      "frames-repeated",
      Outcome.FAILED,
      "Frames are identical to earlier frames: a stalled or looped feed, not a live camera."),
  SENSOR_NOISE_MISSING(
      "sensor-noise-missing",
      Outcome.FAILED,
      "The static background has no temporal sensor noise, as in rendered or re-encoded video."),
  DEVICE_INCONSISTENT(
      "device-inconsistent",
      Outcome.FAILED,
      "The device telemetry contradicts itself or the frames: a phone without touch, frames whose size"
          + " does not fit the reported video or changes during the capture."),
  JPEG_TRAITS_MISMATCH(
      "jpeg-traits-mismatch",
      Outcome.FAILED,
      "The frames' JPEG encoding does not fit the claimed capture: tables that change between frames, a"
          + " quality far from the declared one, or metadata and encoder comments a camera page never writes."),
  LANDMARK_JITTER(
      "landmark-jitter",
      Outcome.FAILED,
      "The inner face (eyes, nose, mouth) flickers against the head's rigid motion, as a swapped face does."),
  BLENDING_SEAM(
      "blending-seam",
      Outcome.FAILED,
      "Colour or sharpness steps along the jaw outline, as where a swapped face is pasted (only when"
          + " blending-seam.enforce is set)."),
  BLEND_ARTEFACTS(
      "blend-artefacts",
      Outcome.FAILED,
      "The learned blend detector finds a blended face (a swap's boundary) in the capture or in one of"
          + " its steps (only when blend-artefacts.enforce is set)."),
  SKIN_TONE_MISMATCH(
      "skin-tone-mismatch",
      Outcome.FAILED,
      "The face's skin tone differs from the neck's or the forehead's, as for a swapped face."),
  FACE_OVER_HAND(
      "face-over-hand",
      Outcome.FAILED,
      "The hand model saw a hand over the face, yet the face stayed whole, sharp and the same person in"
          + " those frames: a face painted over the fingers, as a real-time swap renders it."),
  HAND_SWEEP_ARTEFACTS(
      "hand-sweep-artefacts",
      Outcome.FAILED,
      "The face smeared or flickered while the hand crossed it, as a swapped face does (only when"
          + " hand-sweep-response.enforce is set)."),
  PULSE_NOT_FOUND(
      "pulse-not-found",
      Outcome.FAILED,
      "No pulse coherent between forehead and cheeks in a long enough capture (only when rppg.enforce"
          + " is set)."),
  CAPTURE_TOO_SHORT(
      "capture-too-short", Outcome.RETRY, "Too few frames arrived to analyse the challenge."),
  NO_FACE("no-face", Outcome.RETRY, "No face was found in too many frames."),
  TOO_DARK("too-dark", Outcome.RETRY, "The face is too dark in too many frames."),
  TOO_BRIGHT("too-bright", Outcome.RETRY, "The face is over-exposed in too many frames."),
  BLURRED("blurred", Outcome.RETRY, "The face is blurred in too many frames."),
  FACE_TOO_SMALL("face-too-small", Outcome.RETRY, "The face is too small (too far from the camera) in too many frames."),
  MOVEMENT_TOO_FAST(
      "movement-too-fast",
      Outcome.RETRY,
      "A head movement was made too fast for the camera to follow it frame by frame."),
  COLOUR_FRAMES_INSUFFICIENT(
      "colour-frames-insufficient",
      Outcome.RETRY,
      "Too few frames with a face while the colours flashed to measure the skin's response.");

  private final String code;
  private final Outcome outcome;
  private final String description;

  LivenessReason(String code, Outcome outcome, String description) {
    this.code = code;
    this.outcome = outcome;
    this.description = description;
  }

  /** The stable code, e.g. {@code movement-not-seen}. */
  @JsonValue
  public String code() {
    return code;
  }

  /** {@link Outcome#FAILED} for signs of an attack, {@link Outcome#RETRY} for capture problems. */
  public Outcome outcome() {
    return outcome;
  }

  /** One line for analysts and the docs. */
  public String description() {
    return description;
  }

  /** The reason with this code. */
  public static LivenessReason fromCode(String code) {
    for (LivenessReason reason : values()) {
      if (reason.code.equals(code)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("unknown liveness reason \"" + code + "\"");
  }
}
