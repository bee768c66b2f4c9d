/**
 * Training and measuring the learned blend detector ({@code train blend-detector}, {@code eval
 * blend}): the self- and cross-blend generator that makes pseudo-fakes from real faces, the
 * dataset it writes for the PyTorch trainer (shipped as the resource {@code
 * training/blend_detector.py}), and the evaluation. Part of the command line; the entry points
 * {@link org.bonafide.cli.train.BlendDetectorTraining} and {@link
 * org.bonafide.cli.train.BlendDetectorEvaluation} are public only for {@code org.bonafide.cli}.
 * Model card: {@code docs/models/blend-detector.md}.
 */
package org.bonafide.cli.train;
