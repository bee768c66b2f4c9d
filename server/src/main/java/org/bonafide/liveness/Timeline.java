package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;

/**
 * When each prompt and each colour was on screen, in the frames' clock.
 *
 * <p>Prompt windows start at the first frame the client annotated with that prompt and last the
 * prompt's duration; a prompt no frame was annotated with starts where the previous one ended.
 * Colours follow the frames' {@code screen} annotations: a colour starts halfway between the last
 * frame of the previous colour and its own first frame (the change happened somewhere in between).
 * A capture without any screen annotation falls back to the challenge's durations from the start
 * of the hold-still window.
 */
final class Timeline {
  /** One prompt's window; {@code position} is its place in the challenge. */
  record Window(Prompt prompt, int position, long startMs, long endMs) {
    boolean contains(long t) {
      return t >= startMs && t < endMs;
    }
  }

  /** One colour's time on screen. */
  record ColourSegment(String colour, long startMs, long endMs) {}

  private final List<Window> windows;
  private final List<ColourSegment> colours;
  private final boolean coloursAnnotated;

  private Timeline(List<Window> windows, List<ColourSegment> colours, boolean coloursAnnotated) {
    this.windows = List.copyOf(windows);
    this.colours = List.copyOf(colours);
    this.coloursAnnotated = coloursAnnotated;
  }

  static Timeline of(Challenge challenge, List<CapturedFrame> frames) {
    long start = frames.isEmpty() ? 0 : frames.get(0).timestampMs();
    List<Window> windows = new ArrayList<>();
    long previousEnd = start;
    for (int i = 0; i < challenge.prompts().size(); i++) {
      PromptStep step = challenge.prompts().get(i);
      long begin = previousEnd;
      for (CapturedFrame frame : frames) {
        if (frame.prompt() == step.prompt()) {
          begin = frame.timestampMs();
          break;
        }
      }
      windows.add(new Window(step.prompt(), i, begin, begin + step.durationMs()));
      previousEnd = begin + step.durationMs();
    }

    List<ColourSegment> segments = annotatedColours(frames);
    boolean annotated = !segments.isEmpty();
    if (!annotated) {
      long t = windows.isEmpty() ? start : windows.get(0).startMs();
      for (ColourFlash flash : challenge.colours()) {
        segments.add(new ColourSegment(flash.colour(), t, t + flash.durationMs()));
        t += flash.durationMs();
      }
    }
    return new Timeline(windows, segments, annotated);
  }

  private static List<ColourSegment> annotatedColours(List<CapturedFrame> frames) {
    List<CapturedFrame> shown = frames.stream().filter(f -> f.screen() != null).toList();
    List<ColourSegment> segments = new ArrayList<>();
    if (shown.isEmpty()) {
      return segments;
    }
    long halfInterval = Math.max(1, medianInterval(frames) / 2);
    String colour = shown.get(0).screen();
    long begin = shown.get(0).timestampMs() - halfInterval;
    for (int i = 1; i < shown.size(); i++) {
      CapturedFrame previous = shown.get(i - 1);
      CapturedFrame frame = shown.get(i);
      boolean gap = frame.timestampMs() - previous.timestampMs() > 4 * halfInterval + 1;
      if (!frame.screen().equals(colour) || gap) {
        long change =
            gap ? previous.timestampMs() + halfInterval : (previous.timestampMs() + frame.timestampMs()) / 2;
        segments.add(new ColourSegment(colour, begin, change));
        colour = frame.screen();
        begin = gap ? frame.timestampMs() - halfInterval : change;
      }
    }
    segments.add(new ColourSegment(colour, begin, shown.get(shown.size() - 1).timestampMs() + halfInterval));
    return segments;
  }

  static long medianInterval(List<CapturedFrame> frames) {
    if (frames.size() < 2) {
      return 100;
    }
    long[] d = new long[frames.size() - 1];
    for (int i = 1; i < frames.size(); i++) {
      d[i - 1] = frames.get(i).timestampMs() - frames.get(i - 1).timestampMs();
    }
    java.util.Arrays.sort(d);
    return Math.max(1, d[d.length / 2]);
  }

  List<Window> windows() {
    return windows;
  }

  /** The window of a prompt, or null when the challenge does not ask for it. */
  Window window(Prompt prompt) {
    return windows.stream().filter(w -> w.prompt() == prompt).findFirst().orElse(null);
  }

  List<ColourSegment> colours() {
    return colours;
  }

  /** Whether the colour timing came from the frames' annotations (else from the challenge). */
  boolean coloursAnnotated() {
    return coloursAnnotated;
  }

  /** The colour on screen at time {@code t}, or null outside the colour sequence. */
  String colourAt(double t) {
    for (ColourSegment s : colours) {
      if (t >= s.startMs() && t < s.endMs()) {
        return s.colour();
      }
    }
    return null;
  }
}
