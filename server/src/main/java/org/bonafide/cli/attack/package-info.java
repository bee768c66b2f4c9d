/**
 * The attack kit and the simulators: everything that makes session folders, videos and
 * populations to test the analyses with. {@code attack <kind>} makes attack session folders from a
 * photo, a video or bona fide session folders (a photo held up or animated, a replayed video or
 * session, a virtual camera, the ID photo as the selfie, face swaps and a reenactment); {@code
 * simulate bona-fide-session} makes bona fide session folders from real footage, {@code simulate
 * deepfake-videos} labelled real and face-swapped videos, and {@code simulate syndicate} a labelled
 * population of applications with fraud rings. What each makes and which real incident it
 * imitates: {@code docs/formats.md}.
 *
 * <p>Part of the command line. The commands are public only for its dispatch, {@link
 * org.bonafide.cli.attack.Kit} for {@code eval attacks} and {@link
 * org.bonafide.cli.attack.SyntheticFaces} for {@code eval rings}; everything else is
 * package-private.
 */
package org.bonafide.cli.attack;
