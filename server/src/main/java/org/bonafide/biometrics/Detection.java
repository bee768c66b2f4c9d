package org.bonafide.biometrics;

/** One detector hit: a face box in image pixels and its confidence. */
public record Detection(FaceBox box, float score) {}
