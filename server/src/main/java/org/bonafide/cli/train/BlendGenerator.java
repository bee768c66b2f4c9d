package org.bonafide.cli.train;

import java.util.SplittableRandom;
import org.bonafide.biometrics.FaceAlignment;

/**
 * Self-blended images (Shiohara and Yamasaki, "Detecting Deepfakes with Self-Blended Images", CVPR
 * 2022), written from the paper's description, and cross-identity blends: pseudo-fakes made from
 * real faces alone, whose only tell is the boundary of a face-shaped blend, as a face swap leaves
 * it.
 *
 * <p>Every sample starts from the face's aligned working crop ({@link FaceAlignment#WORK_SIZE}),
 * cut with a small random rotation, scale and shift. A self-blend pastes an altered copy of the
 * face onto itself inside a mask: the copy is rescaled and shifted a little (a misregistered
 * paste), and either the copy or the face around it gets a colour change (per-channel shift,
 * brightness, contrast, saturation), a sharpness change (blur or unsharp mask) and sometimes a
 * strong JPEG re-encoding. A cross blend pastes another person's face, fitted onto the landmarks
 * by a similarity transform and usually colour-matched inside the hull. The mask is the convex
 * hull of the 68 landmarks, deformed by a smooth random displacement field, dilated or eroded
 * (blur and threshold), feathered by a Gaussian and scaled by a blend ratio. Every sample, real or
 * blended, then goes through the same finishing (sometimes a loss of resolution, the halving to
 * {@link FaceAlignment#MODEL_SIZE}, sometimes JPEG), so nothing but the blend tells the classes
 * apart. Deterministic for a given random generator.
 */
final class BlendGenerator {
  static final int SIZE = FaceAlignment.WORK_SIZE;
  private static final double[] BLEND_RATIOS = {0.5, 0.75, 1, 1, 1};
  private static final int GRID = 5;

  /** What a sample is: a real face, a self-blend or a cross-identity blend. */
  enum Kind {
    REAL,
    SELF,
    CROSS;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean blended() {
      return this != REAL;
    }
  }

  /** An aligned working crop and the face's landmarks in its pixels. */
  record Aligned(float[] planes, float[] landmarks) {}

  private BlendGenerator() {}

  /**
   * The face's working crop, cut with a random rotation (up to 6 degrees), scale (6%) and shift (3%
   * of the side) around its centre when {@code jitter}.
   */
  static Aligned align(TrainingFace face, SplittableRandom random, boolean jitter) {
    double[] toImage = FaceAlignment.cropToImage(face.landmarks(), SIZE);
    if (jitter) {
      double angle = Math.toRadians(uniform(random, -6, 6));
      double scale = uniform(random, 0.94, 1.06);
      double c = SIZE / 2.0;
      double tx = uniform(random, -0.03, 0.03) * SIZE;
      double ty = uniform(random, -0.03, 0.03) * SIZE;
      double a = scale * Math.cos(angle);
      double b = scale * Math.sin(angle);
      double[] around = {a, -b, c - a * c + b * c + tx, b, a, c - b * c - a * c + ty};
      toImage = FaceAlignment.compose(toImage, around);
    }
    float[] planes = FaceAlignment.crop(face.image(), toImage, SIZE);
    float[] landmarks = FaceAlignment.map(FaceAlignment.invert(toImage), face.landmarks());
    return new Aligned(planes, landmarks);
  }

  /** A real sample: the aligned face, finished. */
  static float[] real(TrainingFace face, SplittableRandom random) {
    return finish(align(face, random, true).planes(), random);
  }

  /** A self-blend of the face. */
  static float[] selfBlend(TrainingFace face, SplittableRandom random) {
    Aligned target = align(face, random, true);
    double c = SIZE / 2.0;
    double scale = uniform(random, 0.95, 1.05);
    double tx = uniform(random, -0.015, 0.015) * SIZE;
    double ty = uniform(random, -0.015, 0.015) * SIZE;
    // the source sampled from a rescaled, shifted grid around the centre: a misregistered copy
    double[] shift = {scale, 0, c - scale * c + tx, 0, scale, c - scale * c + ty};
    float[] source = Planes.warp(target.planes(), SIZE, shift);
    float[] background = target.planes();
    if (random.nextBoolean()) {
      source = alter(source, random);
    } else {
      background = alter(background, random);
    }
    float[] mask = mask(target.landmarks(), random);
    return finish(blend(source, background, mask), random);
  }

  /** A blend of {@code partner}'s face into {@code face}: a landmark-fitted paste of another person. */
  static float[] crossBlend(TrainingFace face, TrainingFace partner, SplittableRandom random) {
    Aligned target = align(face, random, true);
    Aligned other = align(partner, random, false);
    // samples the partner's crop at the target's landmarks: target crop -> partner crop
    double[] fit = FaceAlignment.similarity(target.landmarks(), other.landmarks());
    float[] source = Planes.warp(other.planes(), SIZE, fit);
    float[] hull = Planes.fill(Planes.convexHull(target.landmarks()), SIZE);
    if (random.nextDouble() < 0.7) {
      source = matchColour(source, target.planes(), hull);
    }
    if (random.nextDouble() < 0.5) {
      source = alter(source, random);
    }
    float[] mask = mask(target.landmarks(), random);
    return finish(blend(source, target.planes(), mask), random);
  }

  /**
   * The blend mask: the landmarks' convex hull, elastically deformed, dilated or eroded, feathered
   * and scaled by a blend ratio. One plane, values in [0, 1].
   */
  static float[] mask(float[] landmarks, SplittableRandom random) {
    float[] mask = Planes.fill(Planes.convexHull(landmarks), SIZE);
    double amplitude = uniform(random, 0, 0.03) * SIZE;
    float[] dx = new float[GRID * GRID];
    float[] dy = new float[GRID * GRID];
    for (int i = 0; i < dx.length; i++) {
      dx[i] = (float) uniform(random, -amplitude, amplitude);
      dy[i] = (float) uniform(random, -amplitude, amplitude);
    }
    mask = Planes.deform(mask, SIZE, dx, dy, GRID);
    // blurring and thresholding off the middle grows (threshold below 0.5) or shrinks the shape
    double threshold = uniform(random, 0.3, 0.7);
    mask = Planes.blur(mask, SIZE, uniform(random, 2, 8));
    for (int i = 0; i < mask.length; i++) {
      mask[i] = mask[i] > threshold ? 1f : 0f;
    }
    mask = Planes.blur(mask, SIZE, uniform(random, 1.5, 8));
    float ratio = (float) BLEND_RATIOS[random.nextInt(BLEND_RATIOS.length)];
    for (int i = 0; i < mask.length; i++) {
      mask[i] *= ratio;
    }
    return mask;
  }

  /** {@code source * mask + background * (1 - mask)}, per channel. */
  static float[] blend(float[] source, float[] background, float[] mask) {
    int plane = mask.length;
    float[] out = new float[source.length];
    for (int i = 0; i < source.length; i++) {
      float m = mask[i % plane];
      out[i] = source[i] * m + background[i] * (1 - m);
    }
    return out;
  }

  /**
   * The source-target augmentation: a colour change, a sharpness change and, now and then, a strong
   * JPEG re-encoding. Makes sure something changed enough to leave a boundary.
   */
  static float[] alter(float[] planes, SplittableRandom random) {
    int plane = SIZE * SIZE;
    float[] out = new float[planes.length];
    double contrast = uniform(random, 0.85, 1.15);
    double brightness = uniform(random, -20, 20);
    double saturation = uniform(random, 0.75, 1.25);
    double[] shift = {uniform(random, -15, 15), uniform(random, -15, 15), uniform(random, -15, 15)};
    for (int i = 0; i < plane; i++) {
      double grey = 0.114 * planes[i] + 0.587 * planes[plane + i] + 0.299 * planes[2 * plane + i];
      for (int c = 0; c < 3; c++) {
        double v = grey + (planes[c * plane + i] - grey) * saturation;
        v = (v - 128) * contrast + 128 + brightness + shift[c];
        out[c * plane + i] = (float) v;
      }
    }
    double sharpness = random.nextDouble();
    if (sharpness < 0.4) {
      out = Planes.blur(out, SIZE, uniform(random, 0.6, 1.8));
    } else if (sharpness < 0.7) {
      float[] soft = Planes.blur(out, SIZE, 1.0);
      double amount = uniform(random, 0.5, 1.5);
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (out[i] + amount * (out[i] - soft[i]));
      }
    }
    if (random.nextDouble() < 0.3) {
      out = Planes.jpeg(out, SIZE, (float) uniform(random, 0.3, 0.7));
    }
    return out;
  }

  /** Moves each channel's mean and spread inside the mask to the target's (Reinhard-style transfer). */
  static float[] matchColour(float[] source, float[] target, float[] mask) {
    int plane = SIZE * SIZE;
    float[] out = source.clone();
    for (int c = 0; c < 3; c++) {
      double[] s = stats(source, c * plane, mask);
      double[] t = stats(target, c * plane, mask);
      if (s[1] < 1e-3) {
        continue;
      }
      double gain = t[1] / s[1];
      for (int i = 0; i < plane; i++) {
        out[c * plane + i] = (float) ((source[c * plane + i] - s[0]) * gain + t[0]);
      }
    }
    return out;
  }

  private static double[] stats(float[] planes, int offset, float[] mask) {
    double w = 0;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < mask.length; i++) {
      double m = mask[i];
      if (m > 0) {
        double v = planes[offset + i];
        w += m;
        sum += m * v;
        sumSq += m * v * v;
      }
    }
    if (w == 0) {
      return new double[] {0, 0};
    }
    double mean = sum / w;
    return new double[] {mean, Math.sqrt(Math.max(0, sumSq / w - mean * mean))};
  }

  /**
   * The finishing every sample gets, real or blended: a loss of resolution now and then (a smaller
   * face scaled up), the halving to the model's side, and JPEG more often than not. Quantised to 8
   * bits, as the stored image holds it.
   */
  static float[] finish(float[] work, SplittableRandom random) {
    float[] planes = work;
    if (random.nextDouble() < 0.2) {
      double factor = uniform(random, 1.5, 3);
      double c = SIZE / 2.0;
      double down = factor;
      float[] smoothed = Planes.blur(planes, SIZE, 0.5 * factor);
      // shrink around the centre, then grow back: detail finer than 1/factor of a pixel is gone
      float[] small = Planes.warp(smoothed, SIZE, new double[] {down, 0, c - down * c, 0, down, c - down * c});
      double up = 1 / factor;
      planes = Planes.warp(small, SIZE, new double[] {up, 0, c - up * c, 0, up, c - up * c});
    }
    float[] half = FaceAlignment.halve(planes, SIZE);
    if (random.nextDouble() < 0.6) {
      return Planes.jpeg(half, FaceAlignment.MODEL_SIZE, (float) uniform(random, 0.65, 0.95));
    }
    return Planes.quantise(half);
  }

  static double uniform(SplittableRandom random, double from, double to) {
    return from + (to - from) * random.nextDouble();
  }
}
