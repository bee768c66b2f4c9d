package org.bonafide.biometrics;

/** Receives the wall time of every model call; the service wires it to Micrometer. */
@FunctionalInterface
public interface ModelTimer {
  ModelTimer NONE = (model, nanos) -> {};

  void record(FaceModel model, long nanos);
}
