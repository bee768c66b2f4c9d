package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding videos made in the test from the demo photos. */
class VideoFramesTest {
  @TempDir Path dir;

  @Test
  void decodesEveryFrameInOrderWithItsTimestamp() throws IOException {
    List<BufferedImage> pictures = List.of(photo(1), photo(3));
    Path video = TestVideos.write(dir.resolve("clip.mp4"), pictures, 10, 25);

    List<VideoFrames.VideoFrame> frames = VideoFrames.readAll(video, 1000);

    assertThat(frames).hasSize(20);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).timestampMs()).isCloseTo(i * 40L, org.assertj.core.data.Offset.offset(2L));
      assertThat(frames.get(i).image().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
      assertThat(frames.get(i).image().getWidth()).isEqualTo(320);
    }
    // The first ten frames show photo 1, the next ten photo 3: each decoded frame is closer to its own.
    assertThat(TestVideos.meanAbsDiff(frames.get(2).image(), TestVideos.fit(pictures.get(0))))
        .isLessThan(TestVideos.meanAbsDiff(frames.get(2).image(), TestVideos.fit(pictures.get(1))));
    assertThat(TestVideos.meanAbsDiff(frames.get(15).image(), TestVideos.fit(pictures.get(1))))
        .isLessThan(TestVideos.meanAbsDiff(frames.get(15).image(), TestVideos.fit(pictures.get(0))));
  }

  @Test
  void stopsAtTheFrameLimit() throws IOException {
    Path video = TestVideos.write(dir.resolve("clip.mp4"), List.of(photo(1)), 12, 25);
    assertThat(VideoFrames.readAll(video, 5)).hasSize(5);
  }

  @Test
  void aMissingVideoIsNotFoundAndNamesTheFile() {
    Path missing = dir.resolve("missing.mp4");
    assertThatThrownBy(() -> VideoFrames.open(missing))
        .isInstanceOfSatisfying(
            BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void aFileThatIsNotAVideoIsRefusedAndNamesTheFile() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(50));
    assertThatThrownBy(() -> VideoFrames.readAll(text, 10))
        .isInstanceOfSatisfying(
            BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED))
        .hasMessageContaining(text.toString());
  }

  private static BufferedImage photo(int number) {
    return TestImages.read(TestImages.photo(number));
  }
}
