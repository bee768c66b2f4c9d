package org.bonafide.biometrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The one {@link FaceEngine} of the process: it owns the native model sessions. */
@Configuration(proxyBeanMethods = false)
class FaceEngineConfiguration {
  @Bean(destroyMethod = "close")
  FaceEngine faceEngine(
      FaceProperties properties, MeterRegistry registry, ObjectProvider<MultipartProperties> multipart) {
    FaceEngineSettings settings = properties.toSettings();
    MultipartProperties upload = multipart.getIfAvailable();
    if (upload != null && upload.isEnabled()) {
      checkUploadLimits(upload.getMaxFileSize(), upload.getMaxRequestSize(), settings.maxImageBytes());
    }
    return new FaceEngine(settings, new MicrometerModelTimer(registry));
  }

  /**
   * The multipart limits must sit above the engine's: a caller who sends a somewhat large image
   * should hear {@code image-too-large} with the real limit, and two images at the limit must fit
   * in one request.
   */
  static void checkUploadLimits(DataSize maxFileSize, DataSize maxRequestSize, long maxImageBytes) {
    if (maxFileSize != null && maxFileSize.toBytes() >= 0 && maxFileSize.toBytes() <= maxImageBytes) {
      throw new IllegalStateException(
          "spring.servlet.multipart.max-file-size ("
              + maxFileSize.toBytes()
              + " bytes) must be larger than bonafide.face.max-image-bytes ("
              + maxImageBytes
              + " bytes).");
    }
    if (maxRequestSize != null && maxRequestSize.toBytes() >= 0 && maxRequestSize.toBytes() <= 2 * maxImageBytes) {
      throw new IllegalStateException(
          "spring.servlet.multipart.max-request-size ("
              + maxRequestSize.toBytes()
              + " bytes) must be larger than twice bonafide.face.max-image-bytes ("
              + maxImageBytes
              + " bytes): a comparison uploads two images.");
    }
  }

  /** The one gate every photo analysis passes (compare, documents, reference photos). */
  @Bean
  AnalysisGate analysisGate(FaceProperties properties) {
    return new AnalysisGate(properties.getMaxConcurrentAnalyses(), properties.getAnalysisQueueTimeout());
  }
}
