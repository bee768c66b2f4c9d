package org.bonafide.liveness;

import org.bonafide.biometrics.FaceMesh;
import org.bonafide.biometrics.HandLandmarks;

/**
 * What the hand-landmark model read around the face in one frame of the hand-sweep step.
 *
 * @param presence the model's probability that a hand is there
 * @param overFace share of the hand's 21 points inside the face's square (0 to 1)
 * @param faceCentreDistance distance of the hand's centre from the face's centre over the face's
 *     side (0 on the face's centre)
 */
record HandReading(float presence, double overFace, double faceCentreDistance) {
  static HandReading of(HandLandmarks.Hand hand, FaceMesh.Region face) {
    double cos = Math.cos(face.angle());
    double sin = Math.sin(face.angle());
    // the face's square is the mesh region shrunk back to the face (the region is 1.5 faces)
    double half = face.side() / 3;
    int inside = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < HandLandmarks.POINTS; i++) {
      double dx = hand.x(i) - face.cx();
      double dy = hand.y(i) - face.cy();
      double u = cos * dx + sin * dy;
      double v = -sin * dx + cos * dy;
      if (Math.abs(u) <= half && Math.abs(v) <= half) {
        inside++;
      }
      sx += hand.x(i) / HandLandmarks.POINTS;
      sy += hand.y(i) / HandLandmarks.POINTS;
    }
    double distance = Math.hypot(sx - face.cx(), sy - face.cy()) / (2 * half);
    return new HandReading(hand.presence(), inside / (double) HandLandmarks.POINTS, distance);
  }
}
