package org.bonafide.biometrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class FacePropertiesTest {
  @Test
  void defaultsAreTheEnginesOwn() {
    assertThat(new FaceProperties().toSettings()).isEqualTo(FaceEngineSettings.defaults());
    assertThat(new FaceProperties().getMultipleFaces()).isEqualTo(MultipleFacesPolicy.MOST_PROMINENT);
  }

  @Test
  void passesEverySettingToTheEngine() {
    FaceProperties properties = new FaceProperties();
    properties.setIntraOpThreads(2);
    properties.setInterOpThreads(3);
    properties.setMaxImageBytes(DataSize.ofMegabytes(4));
    properties.setMaxImagePixels(1_000_000);
    properties.setDetectionThreshold(0.5f);
    properties.setMatchThreshold(0.42);
    properties.setMinFaceSize(80);
    FaceEngineSettings settings = properties.toSettings();
    assertThat(settings.intraOpThreads()).isEqualTo(2);
    assertThat(settings.interOpThreads()).isEqualTo(3);
    assertThat(settings.maxImageBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(settings.maxImagePixels()).isEqualTo(1_000_000);
    assertThat(settings.detectionThreshold()).isEqualTo(0.5f);
    assertThat(settings.matchThreshold()).isEqualTo(0.42);
    assertThat(settings.minFaceSize()).isEqualTo(80);
  }

  @Test
  void uploadLimitsMustLeaveRoomForTheEnginesOwnAnswer() {
    long engine = DataSize.ofMegabytes(15).toBytes();
    assertThatNoException()
        .isThrownBy(
            () -> FaceEngineConfiguration.checkUploadLimits(DataSize.ofMegabytes(20), DataSize.ofMegabytes(45), engine));
    assertThatIllegalStateException()
        .isThrownBy(
            () -> FaceEngineConfiguration.checkUploadLimits(DataSize.ofMegabytes(15), DataSize.ofMegabytes(45), engine))
        .withMessageContaining("max-file-size");
    assertThatIllegalStateException()
        .isThrownBy(
            () -> FaceEngineConfiguration.checkUploadLimits(DataSize.ofMegabytes(20), DataSize.ofMegabytes(30), engine))
        .withMessageContaining("max-request-size");
    // -1 is Spring's "no limit"
    assertThatNoException()
        .isThrownBy(() -> FaceEngineConfiguration.checkUploadLimits(DataSize.ofBytes(-1), DataSize.ofBytes(-1), engine));
  }
}
