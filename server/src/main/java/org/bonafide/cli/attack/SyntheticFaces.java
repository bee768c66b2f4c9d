package org.bonafide.cli.attack;

import java.util.SplittableRandom;

/**
 * Face embeddings for simulated populations, made from numbers rather than photos: a person is a
 * random unit vector in {@link #DIMENSIONS} dimensions (seeded by the person's number), and each
 * capture of that person is the vector plus Gaussian noise, normalised again. With {@link #NOISE}
 * two captures of one person have a cosine similarity of about 0.64 and a capture is at about 0.8
 * from the person's vector; two people are near 0 (plus or minus 0.13 at three standard
 * deviations in 512 dimensions), as real face embeddings of one and two people are either side of
 * the face engine's threshold (0.51).
 *
 * <p>Public for {@code eval rings}, which turns the population's face seeds back into embeddings.
 */
public final class SyntheticFaces {
  static final int DIMENSIONS = 512;
  static final double NOISE = 0.033;

  private SyntheticFaces() {}

  /** Capture {@code sample} of person {@code person}. */
  public static float[] capture(long person, long sample) {
    float[] base = person(person);
    SplittableRandom random = new SplittableRandom(person * 1_000_003L + sample * 7_919L + 17);
    float[] v = new float[DIMENSIONS];
    for (int i = 0; i < DIMENSIONS; i++) {
      v[i] = base[i] + (float) (gaussian(random) * NOISE);
    }
    return normalise(v);
  }

  /** The person's own vector. */
  static float[] person(long person) {
    SplittableRandom random = new SplittableRandom(person * 2_654_435_761L + 1);
    float[] v = new float[DIMENSIONS];
    for (int i = 0; i < DIMENSIONS; i++) {
      v[i] = (float) gaussian(random);
    }
    return normalise(v);
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17
    double u = 1 - random.nextDouble();
    double w = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }

  static float[] normalise(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }
}
