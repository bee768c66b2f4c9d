package org.bonafide.liveness;

import java.util.List;

/**
 * What a capture must answer: the prompts in order, and the colours flashed full-screen while the
 * {@link Prompt#HOLD_STILL} prompt is on screen (in order, each for its duration). Drawn at random
 * per session by the session module; this type only says what it contains.
 */
public record Challenge(List<PromptStep> prompts, List<ColourFlash> colours) {
  public Challenge {
    prompts = List.copyOf(prompts);
    colours = List.copyOf(colours);
  }

  /** The head movements asked for, in order. */
  public List<Prompt> movements() {
    return prompts.stream().map(PromptStep::prompt).filter(Prompt::isMovement).toList();
  }

  /** Total time on screen of all prompts, in milliseconds. */
  public int durationMs() {
    return prompts.stream().mapToInt(PromptStep::durationMs).sum();
  }
}
