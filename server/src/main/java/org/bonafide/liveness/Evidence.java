package org.bonafide.liveness;

/**
 * An image kept as evidence of an analysis.
 *
 * @param kind {@code audit-frame} (a whole frame) or {@code face-crop}
 * @param frameIndex the frame it comes from
 * @param jpeg the image, JPEG-encoded
 */
public record Evidence(String kind, int frameIndex, byte[] jpeg) {}
