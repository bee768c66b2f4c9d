package org.bonafide.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Decodes a video file's picture frames with FFmpeg (through JavaCV), in presentation order, as
 * {@code TYPE_3BYTE_BGR} images with their presentation time. Audio is skipped.
 *
 * <p>Public for the commands of the sub-packages {@code attack} and {@code eval}.
 */
public final class VideoFrames implements AutoCloseable {
  /** One decoded picture and its presentation time from the start of the video. */
  public record VideoFrame(BufferedImage image, long timestampMs) {}

  static {
    // FFmpeg logs every demuxer note to stderr; the commands' stderr is for their own progress.
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  private final Path file;
  private final FFmpegFrameGrabber grabber;
  private final Java2DFrameConverter converter = new Java2DFrameConverter();

  private VideoFrames(Path file, FFmpegFrameGrabber grabber) {
    this.file = file;
    this.grabber = grabber;
  }

  /**
   * Opens a video file. A file that does not exist is {@link ErrorCode#NOT_FOUND}; one FFmpeg
   * cannot open or that holds no video stream is {@link ErrorCode#VALIDATION_FAILED}; both name the
   * file.
   */
  public static VideoFrames open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND,
          "The video " + file + (Files.exists(file) ? " is not a file." : " does not exist."));
    }
    if (!Files.isReadable(file)) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The video " + file + " cannot be read.");
    }
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
    grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      closeQuietly(grabber);
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED, "Cannot decode the video " + file + ": " + e.getMessage(), java.util.Map.of(), e);
    }
    if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
      closeQuietly(grabber);
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The file " + file + " holds no video stream.");
    }
    return new VideoFrames(file, grabber);
  }

  /**
   * Every picture frame of a video, at most {@code maxFrames}; fails when the video has none.
   *
   * @param maxFrames a bound on memory: frames after it are not decoded
   */
  public static List<VideoFrame> readAll(Path file, int maxFrames) {
    try (VideoFrames video = open(file)) {
      List<VideoFrame> frames = new ArrayList<>();
      VideoFrame frame;
      while (frames.size() < maxFrames && (frame = video.next()) != null) {
        frames.add(frame);
      }
      if (frames.isEmpty()) {
        throw new BonafideException(ErrorCode.VALIDATION_FAILED, "The video " + file + " has no decodable frames.");
      }
      return frames;
    }
  }

  public int width() {
    return grabber.getImageWidth();
  }

  public int height() {
    return grabber.getImageHeight();
  }

  /** The frame rate the container declares (frames come at their own timestamps regardless). */
  public double frameRate() {
    return grabber.getFrameRate();
  }

  /** The next picture, or null at the end of the video. */
  public VideoFrame next() {
    try {
      Frame frame = grabber.grabImage();
      if (frame == null) {
        return null;
      }
      // The converter reuses its image between calls; the caller keeps a copy of its own.
      BufferedImage image = copyBgr(converter.convert(frame));
      return new VideoFrame(image, Math.max(0, frame.timestamp / 1000));
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED, "Cannot decode a frame of the video " + file + ": " + e.getMessage(), java.util.Map.of(), e);
    }
  }

  private static BufferedImage copyBgr(BufferedImage source) {
    BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    if (source.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      copy.setData(source.getRaster());
    } else {
      java.awt.Graphics2D g = copy.createGraphics();
      try {
        g.drawImage(source, 0, 0, null);
      } finally {
        g.dispose();
      }
    }
    return copy;
  }

  @Override
  public void close() {
    closeQuietly(grabber);
    converter.close();
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      // Nothing was written; a failure to release the decoder is not the caller's concern.
    }
  }
}
