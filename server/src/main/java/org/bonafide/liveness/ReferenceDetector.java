package org.bonafide.liveness;

/**
 * A detector that compares the capture with the session's reference photo: it applies only when a
 * reference was given.
 *
 * @param <S> the detector's settings
 */
abstract class ReferenceDetector<S extends DetectorSettings> extends ConfiguredDetector<S> {
  ReferenceDetector(String id, String description, S settings) {
    super(id, description, settings);
  }

  @Override
  public final boolean appliesTo(CaptureMeasurements capture) {
    return capture.referenceEmbedding() != null;
  }
}
