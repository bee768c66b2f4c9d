package org.bonafide.cli.train;

import java.awt.image.BufferedImage;

/**
 * One face the blends are made from.
 *
 * @param name the file (or video frame) it comes from, for file names and messages
 * @param identity who it is: the held-out split is drawn over identities, never over photos
 * @param image the decoded image, {@code TYPE_3BYTE_BGR}
 * @param landmarks its 68 landmarks in image pixels
 */
record TrainingFace(String name, String identity, BufferedImage image, float[] landmarks) {}
