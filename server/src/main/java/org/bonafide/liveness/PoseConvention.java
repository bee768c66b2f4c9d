package org.bonafide.liveness;

/**
 * How the pose model's angles map onto the applicant's movements, in frames that are not mirrored
 * (what the camera sees). Measured on real photos ({@code PoseSignConventionTest}): yaw grows when
 * the nose points toward the image's left, which is the applicant's own right; pitch grows when
 * the applicant looks up.
 */
final class PoseConvention {
  private PoseConvention() {}

  /** Whether the movement is a yaw (turn) rather than a pitch (look) change. */
  static boolean isYaw(Prompt movement) {
    return movement == Prompt.TURN_LEFT || movement == Prompt.TURN_RIGHT || movement.isProfile();
  }

  /** +1 when the movement raises the model's angle, -1 when it lowers it. */
  static int sign(Prompt movement) {
    return switch (movement) {
      case TURN_RIGHT, PROFILE_RIGHT, LOOK_UP -> 1;
      case TURN_LEFT, PROFILE_LEFT, LOOK_DOWN -> -1;
      default -> throw new IllegalArgumentException(movement + " is not a head movement");
    };
  }

  /**
   * How far the frame's head pose has gone in the movement's direction from the neutral pose, in
   * degrees (negative: the other way).
   */
  static double excursion(Prompt movement, double yaw, double pitch, double baseYaw, double basePitch) {
    double delta = isYaw(movement) ? yaw - baseYaw : pitch - basePitch;
    return sign(movement) * delta;
  }
}
