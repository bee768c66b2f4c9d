/**
 * Liveness: verifies that a capture answers its challenge (head movements in order, a blink, the
 * hand sweep, the skin's response to the flashed screen colours) and that one and the same live
 * person is in it, with detectors as providers configured under {@code bonafide.detectors.<id>}.
 *
 * <p>Entry points: {@link org.bonafide.liveness.LivenessAnalyzer} (a bean; {@link
 * org.bonafide.liveness.LivenessAnalyzers} outside Spring) and the value types of a capture: {@link
 * org.bonafide.liveness.Challenge}, {@link org.bonafide.liveness.Capture}, {@link
 * org.bonafide.liveness.LivenessReport}; the reason catalogue {@link
 * org.bonafide.liveness.LivenessReason}. Each detector is a {@code @Component} with its own settings
 * record ({@code Settings}, bound under {@code bonafide.detectors.<id>}, validated as it is made;
 * {@code docs/liveness.md}); the analyzer receives the detector beans in their {@code @Order}.
 */
package org.bonafide.liveness;
