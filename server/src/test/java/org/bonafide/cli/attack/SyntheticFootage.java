package org.bonafide.cli.attack;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.bonafide.biometrics.EyeState;
import org.bonafide.biometrics.FaceBox;
import org.bonafide.biometrics.HeadPose;
import org.bonafide.cli.VideoFrames;

/**
 * Footage made up in the test: grey frames with a skin-coloured face disc, and a subject whose
 * pose and eyes follow given functions of the frame index, as the face engine would report them.
 */
final class SyntheticFootage {
  static final int W = 640;
  static final int H = 360;
  /** The face: centre and size in source pixels. */
  static final double CX = 320;
  static final double CY = 170;
  static final double FACE_W = 110;
  static final double FACE_H = 140;

  private SyntheticFootage() {}

  /**
   * @param frames frame count, at 30 fps
   * @param yaw yaw in degrees per frame
   * @param pitch pitch in degrees per frame
   * @param eyesOpen both eyes' open probability per frame
   */
  static Footage make(int frames, IntToDoubleFunction yaw, IntToDoubleFunction pitch, IntToDoubleFunction eyesOpen) {
    List<VideoFrames.VideoFrame> pictures = new ArrayList<>();
    List<Footage.Subject> subjects = new ArrayList<>();
    BufferedImage picture = picture();
    for (int i = 0; i < frames; i++) {
      pictures.add(new VideoFrames.VideoFrame(picture, Math.round(i * 1000.0 / 30)));
      float open = (float) eyesOpen.applyAsDouble(i);
      subjects.add(
          new Footage.Subject(
              new FaceBox((float) (CX - FACE_W / 2), (float) (CY - FACE_H / 2), (float) (CX + FACE_W / 2), (float) (CY + FACE_H / 2)),
              landmarks(),
              new HeadPose((float) yaw.applyAsDouble(i), (float) pitch.applyAsDouble(i), 0),
              new EyeState(open, open, open >= 0.5f, open >= 0.5f)));
    }
    return Footage.of(pictures, subjects, new int[frames]);
  }

  /** A grey background with a skin-coloured oval where the face is. */
  static BufferedImage picture() {
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(90, 90, 90));
    g.fillRect(0, 0, W, H);
    g.setColor(new Color(190, 140, 115));
    g.fillOval((int) (CX - FACE_W / 2), (int) (CY - FACE_H / 2 - 20), (int) FACE_W, (int) FACE_H + 20);
    g.dispose();
    return image;
  }

  /** 68 points in iBUG order, roughly placed on the synthetic face. */
  static float[] landmarks() {
    float[] lm = new float[136];
    double left = CX - FACE_W / 2;
    double top = CY - FACE_H / 2;
    for (int i = 0; i <= 16; i++) { // jaw, left to right along a half-ellipse
      double a = Math.PI * i / 16;
      lm[2 * i] = (float) (CX - Math.cos(a) * FACE_W / 2);
      lm[2 * i + 1] = (float) (CY + Math.sin(a) * FACE_H / 2);
    }
    for (int i = 17; i <= 26; i++) { // brows
      lm[2 * i] = (float) (left + 10 + (i - 17) * (FACE_W - 20) / 9);
      lm[2 * i + 1] = (float) (top + 30);
    }
    for (int i = 27; i <= 35; i++) { // nose
      lm[2 * i] = (float) CX;
      lm[2 * i + 1] = (float) (top + 45 + (i - 27) * 5);
    }
    for (int i = 36; i <= 41; i++) { // eyes
      lm[2 * i] = (float) (CX - 25 + (i - 36) * 2);
      lm[2 * i + 1] = (float) (top + 45);
    }
    for (int i = 42; i <= 47; i++) {
      lm[2 * i] = (float) (CX + 15 + (i - 42) * 2);
      lm[2 * i + 1] = (float) (top + 45);
    }
    for (int i = 48; i <= 67; i++) { // mouth
      lm[2 * i] = (float) (CX - 20 + (i - 48) * 2);
      lm[2 * i + 1] = (float) (top + 105);
    }
    return lm;
  }

  /** A smooth excursion of {@code degrees} between frames {@code from} and {@code to}, else 0. */
  static double bump(int frame, int from, int to, double degrees) {
    if (frame <= from || frame >= to) {
      return 0;
    }
    return degrees * Math.sin(Math.PI * (frame - from) / (to - from));
  }
}
