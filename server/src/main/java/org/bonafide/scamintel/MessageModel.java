package org.bonafide.scamintel;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A logistic-regression scorer of messages over {@link MessageFeatures}: the probability that a
 * message is a scam lure, and the features that drove it.
 *
 * <p>The model is a tab-separated file: comment lines ({@code #}, the command and figures that
 * produced it), {@code bias} and {@code threshold} lines, then {@code feature<TAB>weight} lines.
 * The shipped one is {@code scamintel/message-model.tsv}, made by {@code train messages}.
 */
public final class MessageModel {
  /** The shipped model's resource. */
  public static final String RESOURCE = "/scamintel/message-model.tsv";

  private final Map<String, Double> weights;
  private final double bias;
  private final double threshold;

  MessageModel(Map<String, Double> weights, double bias, double threshold) {
    this.weights = Map.copyOf(weights);
    this.bias = bias;
    this.threshold = threshold;
  }

  /** One feature's part in a score: its weight (every feature is 0 or 1). */
  public record Contribution(String feature, double weight) {}

  /** A scored message. */
  public record Score(double probability, boolean scam, List<Contribution> drivers) {}

  /** The shipped model; a clear error when the build lacks it. */
  public static MessageModel shipped() {
    try (InputStream in = MessageModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build: run train messages and commit its output");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a model file. */
  public static MessageModel read(InputStream in) throws IOException {
    Map<String, Double> weights = new HashMap<>();
    Double bias = null;
    Double threshold = null;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.lastIndexOf('\t');
      if (tab <= 0) {
        throw new IOException("message model line " + number + " is not NAME<TAB>NUMBER");
      }
      String name = line.substring(0, tab);
      double value;
      try {
        value = Double.parseDouble(line.substring(tab + 1));
      } catch (NumberFormatException e) {
        throw new IOException("message model line " + number + " has no number", e);
      }
      switch (name) {
        case "bias" -> bias = value;
        case "threshold" -> threshold = value;
        default -> weights.put(name, value);
      }
    }
    if (bias == null || threshold == null) {
      throw new IOException("a message model has bias and threshold lines");
    }
    return new MessageModel(weights, bias, threshold);
  }

  /** The probability above which a message is called a scam. */
  public double threshold() {
    return threshold;
  }

  /** The number of weighted features. */
  public int size() {
    return weights.size();
  }

  /** Scores a message, with its five strongest drivers either way (largest weight first). */
  public Score score(String text) {
    Set<String> features = MessageFeatures.of(text);
    double z = bias;
    List<Contribution> present = new ArrayList<>();
    for (String f : features) {
      Double w = weights.get(f);
      if (w != null) {
        z += w;
        present.add(new Contribution(f, Math.round(w * 1000) / 1000.0));
      }
    }
    double p = 1 / (1 + Math.exp(-z));
    present.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight())));
    return new Score(p, p >= threshold, List.copyOf(present.subList(0, Math.min(5, present.size()))));
  }

  /** Probability only, for evaluations. */
  public double probability(String text) {
    double z = bias;
    for (String f : MessageFeatures.of(text)) {
      z += weights.getOrDefault(f, 0.0);
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Whether a message belongs to the held-out fifth of a corpus: the first byte of the SHA-256 of
   * its text is a multiple of 5. Fixed by the text alone, so a duplicate message always falls on the
   * same side and {@code train messages} and {@code eval messages --split holdout} agree.
   */
  public static boolean heldOut(String text) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return (hash[0] & 0xFF) % 5 == 0;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** A labelled message for training. */
  public record Example(String text, boolean scam) {}

  /**
   * Trains a model: L2-regularised logistic regression by AdaGrad over binary features seen in at
   * least {@code minCount} training messages; the threshold is the one with the best F1 on a
   * validation fifth held out from {@code examples} (the model is then trained on all of them).
   */
  public static MessageModel train(List<Example> examples, int epochs, int minCount, double l2, long seed) {
    checkArgument(!examples.isEmpty(), "no examples");
    List<Example> fit = new ArrayList<>();
    List<Example> validation = new ArrayList<>();
    for (Example e : examples) {
      (Math.floorMod(e.text().hashCode() * 31 + 7, 5) == 0 ? validation : fit).add(e);
    }
    MessageModel first = fit(fit, epochs, minCount, l2, seed, 0.5);
    double threshold = bestF1Threshold(first, validation);
    return fit(examples, epochs, minCount, l2, seed, threshold);
  }

  private static MessageModel fit(List<Example> examples, int epochs, int minCount, double l2, long seed, double threshold) {
    Map<String, Integer> counts = new HashMap<>();
    List<Set<String>> rows = new ArrayList<>(examples.size());
    for (Example e : examples) {
      Set<String> f = MessageFeatures.of(e.text());
      rows.add(f);
      for (String name : f) {
        counts.merge(name, 1, Integer::sum);
      }
    }
    Map<String, double[]> state = new HashMap<>(); // weight, squared-gradient sum
    double[] biasState = {0, 0};
    double rate = 0.5;
    Random random = new Random(seed);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      order.add(i);
    }
    for (int epoch = 0; epoch < epochs; epoch++) {
      java.util.Collections.shuffle(order, random);
      for (int i : order) {
        Set<String> f = rows.get(i);
        double z = biasState[0];
        for (String name : f) {
          if (counts.get(name) >= minCount) {
            z += state.computeIfAbsent(name, k -> new double[2])[0];
          }
        }
        double p = 1 / (1 + Math.exp(-z));
        double g = p - (examples.get(i).scam() ? 1 : 0);
        biasState[1] += g * g;
        biasState[0] -= rate * g / Math.sqrt(biasState[1] + 1e-8);
        for (String name : f) {
          if (counts.get(name) >= minCount) {
            double[] s = state.get(name);
            double grad = g + l2 * s[0];
            s[1] += grad * grad;
            s[0] -= rate * grad / Math.sqrt(s[1] + 1e-8);
          }
        }
      }
    }
    Map<String, Double> weights = new HashMap<>();
    state.forEach((name, s) -> {
      if (Math.abs(s[0]) >= 1e-3) {
        weights.put(name, s[0]);
      }
    });
    return new MessageModel(weights, biasState[0], threshold);
  }

  private static double bestF1Threshold(MessageModel model, List<Example> validation) {
    double best = 0.5;
    double bestF1 = -1;
    for (int step = 5; step <= 95; step++) {
      double t = step / 100.0;
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (Example e : validation) {
        boolean called = model.probability(e.text()) >= t;
        if (called && e.scam()) {
          tp++;
        } else if (called) {
          fp++;
        } else if (e.scam()) {
          fn++;
        }
      }
      double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = t;
      }
    }
    return best;
  }

  /** Writes the model: the comment lines first, then bias, threshold and the weights by size. */
  public void write(Writer out, List<String> comments) throws IOException {
    for (String c : comments) {
      out.write("# " + c.replace("\n", " ") + "\n");
    }
    out.write(String.format(java.util.Locale.ROOT, "bias\t%.6f%n", bias));
    out.write(String.format(java.util.Locale.ROOT, "threshold\t%.2f%n", threshold));
    List<Map.Entry<String, Double>> sorted = new ArrayList<>(new LinkedHashMap<>(weights).entrySet());
    sorted.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())).thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, Double> e : sorted) {
      out.write(String.format(java.util.Locale.ROOT, "%s\t%.4f%n", e.getKey().replace('\t', ' ').replace('\n', ' '), e.getValue()));
    }
  }
}
