/**
 * The evaluations and benchmarks: {@code eval face-pairs|pad|sessions|attacks|deepfake|landmarks|
 * mrz|mrz-text|rings|urls} and {@code bench face-index}. Each reads a labelled set (or makes a
 * synthetic one), runs what the service runs on it and reports the standard figures (FMR and FNMR,
 * APCER and BPCER, AUC, recall, time per item) as one JSON object; {@code eval attacks} also writes
 * a report and a DET curve, on attacks built by the attack kit ({@link
 * org.bonafide.cli.attack.Kit}). Inputs and outputs: {@code docs/formats.md}.
 *
 * <p>Part of the command line. The evaluations are public only for its dispatch, and {@link
 * org.bonafide.cli.eval.DeepfakeEval}'s reader of labelled videos also for {@code eval blend};
 * everything else is package-private.
 */
package org.bonafide.cli.eval;
