package org.bonafide.biometrics;

/** Head orientation in degrees: yaw (left/right), pitch (up/down), roll (tilt). */
public record HeadPose(float yaw, float pitch, float roll) {}
