package org.bonafide.liveness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongToIntFunction;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.EyeState;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.FaceQuality;
import org.bonafide.biometrics.HeadPose;

/**
 * Made-up per-frame measurement series for detector tests: a frame every {@link #STEP_MS} through
 * the challenge, annotated with the prompt and colour on screen, and a face whose pose, eyes,
 * detection score and identity follow functions of time (ms since the capture started).
 */
final class SyntheticCapture {
  static final long STEP_MS = 80;
  static final float[] PERSON = unit(0);
  static final float[] SOMEONE_ELSE = unit(1);

  private final Challenge challenge;
  private LongToDoubleFunction yaw = t -> 0;
  private LongToDoubleFunction pitch = t -> -5;
  private LongToDoubleFunction eyes = t -> 0.95;
  private LongToIntFunction faces = t -> 1;
  private LongToDoubleFunction score = t -> 0.98;
  private LongFunction<float[]> embedding = t -> PERSON;
  private double attackScore = 0.2;
  private LongToDoubleFunction sharpness = t -> 100;
  private LongFunction<float[]> landmarks = t -> new float[136];
  private LongToDoubleFunction meshYaw;
  private LongToDoubleFunction meshConfidence = t -> 0.99;
  private LongFunction<HandReading> hand = t -> null;
  private LongToDoubleFunction meshEyes = t -> 0.3;
  private LongToDoubleFunction blendScore = t -> Double.NaN;

  SyntheticCapture(Challenge challenge) {
    this.challenge = challenge;
  }

  /** Hold still (6 colours of 500 ms), then the given prompts of 2500 ms each. */
  static Challenge challenge(Prompt... prompts) {
    List<ColourFlash> colours = new ArrayList<>();
    String[] palette = {"#ff0000", "#00ff00", "#0000ff", "#ffff00", "#00ffff", "#ff00ff"};
    for (String c : palette) {
      colours.add(new ColourFlash(c, 500));
    }
    List<PromptStep> steps = new ArrayList<>();
    steps.add(new PromptStep(Prompt.HOLD_STILL, 3000));
    for (Prompt p : prompts) {
      steps.add(new PromptStep(p, 2500));
    }
    return new Challenge(steps, colours);
  }

  /** Start of the prompt's window in the synthetic clock. */
  static long start(Challenge challenge, Prompt prompt) {
    long t = 0;
    for (PromptStep step : challenge.prompts()) {
      if (step.prompt() == prompt) {
        return t;
      }
      t += step.durationMs();
    }
    throw new IllegalArgumentException(prompt + " not in challenge");
  }

  /** A smooth excursion of {@code degrees} from {@code from} to {@code to} ms, else 0. */
  static double bump(long t, long from, long to, double degrees) {
    if (t < from || t > to) {
      return 0;
    }
    return degrees * Math.sin(Math.PI * (t - from) / (to - from));
  }

  SyntheticCapture yaw(LongToDoubleFunction f) {
    this.yaw = f;
    return this;
  }

  SyntheticCapture pitch(LongToDoubleFunction f) {
    this.pitch = f;
    return this;
  }

  SyntheticCapture eyes(LongToDoubleFunction f) {
    this.eyes = f;
    return this;
  }

  SyntheticCapture faces(LongToIntFunction f) {
    this.faces = f;
    return this;
  }

  SyntheticCapture detectionScore(LongToDoubleFunction f) {
    this.score = f;
    return this;
  }

  SyntheticCapture embedding(LongFunction<float[]> f) {
    this.embedding = f;
    return this;
  }

  SyntheticCapture sharpness(LongToDoubleFunction f) {
    this.sharpness = f;
    return this;
  }

  /** 68 landmarks (x0, y0, x1, ...) as a function of time; all zero by default. */
  SyntheticCapture landmarks(LongFunction<float[]> f) {
    this.landmarks = f;
    return this;
  }

  /** Give every frame a face-mesh reading with this yaw (tracked where no face is detected). */
  SyntheticCapture meshYaw(LongToDoubleFunction f) {
    this.meshYaw = f;
    return this;
  }

  SyntheticCapture meshConfidence(LongToDoubleFunction f) {
    this.meshConfidence = f;
    return this;
  }

  /** The mesh's eyelid aspect ratio per frame (0.3 open by default). */
  SyntheticCapture meshEyes(LongToDoubleFunction f) {
    this.meshEyes = f;
    return this;
  }

  /** The blend detector's probability per frame (NaN: not scored). */
  SyntheticCapture blendScore(LongToDoubleFunction f) {
    this.blendScore = f;
    return this;
  }

  /** The hand model's reading per frame (null: not run). */
  SyntheticCapture hand(LongFunction<HandReading> f) {
    this.hand = f;
    return this;
  }

  SyntheticCapture attackScore(double s) {
    this.attackScore = s;
    return this;
  }

  CaptureMeasurements build(float[] reference) {
    List<CapturedFrame> frames = new ArrayList<>();
    List<FrameMeasurement> measured = new ArrayList<>();
    int index = 0;
    for (long t = 0; t < challenge.durationMs(); t += STEP_MS) {
      Prompt prompt = promptAt(t);
      String screen = prompt == Prompt.HOLD_STILL ? colourAt(t) : null;
      frames.add(new CapturedFrame(index, t, prompt, screen, new byte[0]));
      int count = faces.applyAsInt(t);
      DetectedFace face = null;
      if (count > 0) {
        float e = (float) eyes.applyAsDouble(t);
        face =
            new DetectedFace(
                new FaceBox(200, 120, 420, 400),
                (float) score.applyAsDouble(t),
                landmarks.apply(t),
                new HeadPose((float) yaw.applyAsDouble(t), (float) pitch.applyAsDouble(t), 0),
                new EyeState(e, e, e >= 0.5, e >= 0.5),
                new FaceQuality(280, sharpness.applyAsDouble(t), 120, List.of()),
                embedding.apply(t),
                attackScore);
      }
      FrameMeasurement m = new FrameMeasurement(index, t, prompt, screen, count, face, null, false);
      if (meshYaw != null) {
        m = m.withMesh(new MeshReading(
            new HeadPose((float) meshYaw.applyAsDouble(t), (float) pitch.applyAsDouble(t), 0), meshEyes.applyAsDouble(t),
            (float) meshConfidence.applyAsDouble(t), 60, null, count == 0));
      }
      double blend = count > 0 ? blendScore.applyAsDouble(t) : Double.NaN;
      if (!Double.isNaN(blend)) {
        m = m.withBlendScore(blend);
      }
      HandReading h = hand.apply(t);
      if (h != null) {
        m = m.withHand(h);
      }
      measured.add(m);
      index++;
    }
    return new CaptureMeasurements(
        challenge, Timeline.of(challenge, frames), measured, reference, 0.51, 600);
  }

  private Prompt promptAt(long t) {
    long end = 0;
    for (PromptStep step : challenge.prompts()) {
      end += step.durationMs();
      if (t < end) {
        return step.prompt();
      }
    }
    return null;
  }

  private String colourAt(long t) {
    long end = 0;
    for (ColourFlash flash : challenge.colours()) {
      end += flash.durationMs();
      if (t < end) {
        return flash.colour();
      }
    }
    return null;
  }

  private static float[] unit(int axis) {
    float[] v = new float[512];
    v[axis] = 1;
    return v;
  }
}
