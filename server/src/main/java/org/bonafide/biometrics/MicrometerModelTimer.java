package org.bonafide.biometrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Records each model call in the {@code bonafide.model.latency} timer, tagged with the model. */
final class MicrometerModelTimer implements ModelTimer {
  static final String METRIC = "bonafide.model.latency";

  private final Map<FaceModel, Timer> timers = new EnumMap<>(FaceModel.class);

  MicrometerModelTimer(MeterRegistry registry) {
    // registered up front: a model call is hot, a registry lookup per call is not needed
    for (FaceModel model : FaceModel.values()) {
      timers.put(
          model,
          Timer.builder(METRIC)
              .description("Wall time of one face model call")
              .tag("model", model.id())
              .register(registry));
    }
  }

  @Override
  public void record(FaceModel model, long nanos) {
    timers.get(model).record(nanos, TimeUnit.NANOSECONDS);
  }
}
