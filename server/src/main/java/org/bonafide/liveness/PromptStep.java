package org.bonafide.liveness;

/**
 * One step of a challenge: a prompt shown for a fixed time window.
 *
 * @param prompt what the applicant is asked to do
 * @param durationMs how long the prompt stays on screen; the response must fall inside it
 */
public record PromptStep(Prompt prompt, int durationMs) {
  public PromptStep {
    if (prompt == null || durationMs <= 0) {
      throw new IllegalArgumentException("a prompt step needs a prompt and a positive duration");
    }
  }
}
