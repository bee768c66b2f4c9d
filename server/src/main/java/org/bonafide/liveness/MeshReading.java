package org.bonafide.liveness;

import org.bonafide.biometrics.FaceMesh;
import org.bonafide.biometrics.HeadPose;

/**
 * What the face mesh read in one frame.
 *
 * @param pose head pose from the mesh's 3-D points (holds at profile, where the pose model and the
 *     face detector give up)
 * @param eyeOpenness mean eyelid opening over eye width of the two eyes (about 0.25-0.35 open)
 * @param confidence the mesh model's face flag in [0, 1]
 * @param interocular outer eye corners' distance in pixels
 * @param next the region to fit the next frame in
 * @param tracked true when the face detector missed the face and the mesh followed it from the
 *     previous frame
 */
record MeshReading(HeadPose pose, double eyeOpenness, float confidence, double interocular, FaceMesh.Region next, boolean tracked) {
  static MeshReading of(FaceMesh.Mesh mesh, boolean tracked) {
    double[] eyes = mesh.eyeOpenness();
    return new MeshReading(mesh.pose(), (eyes[0] + eyes[1]) / 2, mesh.confidence(), mesh.interocular(), mesh.next(), tracked);
  }
}
