package org.bonafide.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.cli.Args;
import org.bonafide.cli.CommandContext;
import org.bonafide.cli.Json;
import org.bonafide.cli.TestVideos;
import org.bonafide.cli.VideoFrames;
import org.bonafide.cli.eval.DeepfakeEval;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.testing.TestImages;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;



/**
 * {@code simulate deepfake-videos} on a video made in the test (a demo photo's face turning from
 * side to side) and a folder with another demo face and a picture without one.
 */
class DeepfakeVideosTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CommandContext ctx() {
    return new CommandContext(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        FaceEngine::new,
        System::nanoTime);
  }

  private JsonNode run(String... args) {
    return Json.MAPPER.valueToTree(
        DeepfakeVideos.run(Args.parse("simulate deepfake-videos", List.of(args), DeepfakeVideos.OPTIONS), ctx()));
  }

  @Test
  void writesARealSegmentAndItsSwapsAsH264WithTheirLabels() throws IOException {
    Path video;
    Path photos = Files.createDirectories(dir.resolve("photos"));
    try (FaceEngine engine = new FaceEngine(FaceEngineSettings.defaults())) {
      PhotoMotion.Still b =
          AttackKit.still(engine, TestImages.jpeg(TestImages.crop(TestImages.SAMPLE1_MIDDLE), 0.95f), "sample1 middle");
      List<BufferedImage> pictures = new ArrayList<>();
      for (int k = 0; k < 42; k++) {
        pictures.add(PhotoMotion.render(b, new PhotoMotion.Pose(12 * Math.sin(k / 5.0), 0, 0), PhotoMotion.Shake.NONE));
      }
      video = TestVideos.write(dir.resolve("person.mp4"), pictures, 1, 12);
    }
    Files.write(photos.resolve("a.jpg"), TestImages.jpeg(TestImages.crop(TestImages.SAMPLE3_MIDDLE), 0.95f));
    Files.write(photos.resolve("blank.png"), TestImages.gradientPng(200, 200));
    Files.writeString(photos.resolve("notes.txt"), "not a photo");
    Path outDir = dir.resolve("out");

    JsonNode r = run("--video", video.toString(), "--photos", photos.toString(), "--count", "1", "--seed", "3", "--out", outDir.toString());

    assertThat(r.get("photos").asInt()).as("the two pictures, not the text file").isEqualTo(2);
    assertThat(r.get("identities_used").asInt()).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("skipped blank.png");
    List<DeepfakeEval.Labelled> labels = DeepfakeEval.labels(outDir.resolve("labels.csv"));
    assertThat(labels).extracting(DeepfakeEval.Labelled::fake).containsExactly(false, true, true, true, true);
    assertThat(labels)
        .extracting(DeepfakeEval.Labelled::manipulation)
        .containsExactly(
            null, DeepfakeVideos.FACE_SWAP, DeepfakeVideos.FACE_SWAP_NO_COLOUR, DeepfakeVideos.FACE_SWAP_3D, DeepfakeVideos.BLEND_SWAP);
    int frames = r.get("videos").get(0).get("frames").asInt();
    assertThat(frames).as("a 3-5 s segment of a 3.5 s shot: the whole shot").isBetween(36, 42);
    assertThat(r.get("videos").get(1).get("swapped_frames").asInt()).isEqualTo(frames);

    List<List<BufferedImage>> decoded = new ArrayList<>();
    for (DeepfakeEval.Labelled v : labels) {
      Path file = outDir.resolve(v.video());
      try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
        grabber.start();
        assertThat(grabber.getVideoCodec()).as(v.video()).isEqualTo(avcodec.AV_CODEC_ID_H264);
        grabber.stop();
      }
      List<VideoFrames.VideoFrame> read = VideoFrames.readAll(file, 1000);
      assertThat(read).as(v.video()).hasSize(frames);
      assertThat(read.get(0).image().getWidth()).isEqualTo(Framing.WIDTH);
      assertThat(read.get(0).image().getHeight()).isEqualTo(Framing.HEIGHT);
      decoded.add(read.stream().map(VideoFrames.VideoFrame::image).toList());
    }

    // The swap changes the face and leaves the rest of the picture; colour transfer changes the swap.
    BufferedImage real = decoded.get(0).get(frames / 2);
    BufferedImage swapped = decoded.get(1).get(frames / 2);
    BufferedImage raw = decoded.get(2).get(frames / 2);
    int w = Framing.WIDTH;
    int h = Framing.HEIGHT;
    double faceChange = TestVideos.meanAbsDiff(region(real, w / 3, h / 3, w / 3, h / 5), region(swapped, w / 3, h / 3, w / 3, h / 5));
    double cornerChange = TestVideos.meanAbsDiff(region(real, 0, h - 80, 80, 80), region(swapped, 0, h - 80, 80, 80));
    assertThat(faceChange).isGreaterThan(8);
    assertThat(cornerChange).isLessThan(2);
    assertThat(TestVideos.meanAbsDiff(region(swapped, w / 3, h / 3, w / 3, h / 5), region(raw, w / 3, h / 3, w / 3, h / 5)))
        .isGreaterThan(1);

    // The swapped face is A's: more like A's photo than the real frame's face is.
    try (FaceEngine engine = new FaceEngine(FaceEngineSettings.defaults())) {
      DecodedImage photo = engine.decode(Files.readAllBytes(photos.resolve("a.jpg")));
      float[] a = embedding(engine, photo);
      double realToA = FaceEngine.similarity(a, embedding(engine, engine.decode(SessionVideo.jpeg(real))));
      double swappedToA = FaceEngine.similarity(a, embedding(engine, engine.decode(SessionVideo.jpeg(swapped))));
      assertThat(swappedToA).isGreaterThan(realToA + 0.2);
    }
  }

  @Test
  void aPhotosFolderWithoutPhotosFailsBeforeTheVideoIsRead() throws IOException {
    Path photos = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> run("--video", dir.resolve("missing.mp4").toString(), "--photos", photos.toString(), "--out", dir.resolve("o").toString()))
        .isInstanceOf(BonafideException.class)
        .satisfies(e -> assertThat(((BonafideException) e).errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED))
        .hasMessageContaining("No JPEG or PNG photo");
  }

  private static float[] embedding(FaceEngine engine, DecodedImage image) {
    Detection face = engine.detect(image).get(0);
    return engine.embed(image, engine.landmarks(image, face.box()));
  }

  private static BufferedImage region(BufferedImage image, int x, int y, int w, int h) {
    return image.getSubimage(x, y, w, h);
  }
}
