package org.bonafide.liveness;

/**
 * A detector that reads the answer to one prompt from the frames in that prompt's window: it
 * applies only when the challenge has the prompt, and it answers the challenge.
 *
 * @param <S> the detector's settings
 */
abstract class PromptWindowDetector<S extends DetectorSettings> extends ConfiguredDetector<S> {
  private final Prompt prompt;

  PromptWindowDetector(String id, String description, S settings, Prompt prompt) {
    super(id, description, settings);
    this.prompt = prompt;
  }

  @Override
  public final boolean answersChallenge() {
    return true;
  }

  @Override
  public final boolean appliesTo(CaptureMeasurements capture) {
    return window(capture) != null;
  }

  /** The prompt's window in this capture, or null when the challenge does not have it. */
  final Timeline.Window window(CaptureMeasurements capture) {
    return capture.timeline().window(prompt);
  }
}
