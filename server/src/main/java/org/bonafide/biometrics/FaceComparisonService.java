package org.bonafide.biometrics;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bonafide.biometrics.FaceComparison.ComparedImage;
import org.bonafide.biometrics.FaceComparison.FaceEvidence;
import org.bonafide.biometrics.FaceComparison.ImageShape;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.springframework.stereotype.Service;

/** Compares the faces on two images and records the outcome for the tenant. */
@Service
class FaceComparisonService {
  static final String REFERENCE = "reference";
  static final String PROBE = "probe";

  private final FaceEngine engine;
  private final FaceComparisonRepository repository;
  private final InstantSource clock;
  private final AnalysisGate gate;

  FaceComparisonService(
      FaceEngine engine, FaceComparisonRepository repository, InstantSource clock, AnalysisGate gate) {
    this.engine = engine;
    this.repository = repository;
    this.clock = clock;
    this.gate = gate;
  }

  FaceComparison compare(TenantId tenant, byte[] reference, byte[] probe, MultipleFacesPolicy policy) {
    return gate.run(() -> compareAdmitted(tenant, reference, probe, policy));
  }

  private FaceComparison compareAdmitted(
      TenantId tenant, byte[] reference, byte[] probe, MultipleFacesPolicy policy) {
    // both decoded before any model runs: a bad second image is refused before the slow part
    DecodedImage referenceImage = decode(REFERENCE, reference);
    DecodedImage probeImage = decode(PROBE, probe);
    Analysed a = analyse(REFERENCE, referenceImage, policy);
    Analysed b = analyse(PROBE, probeImage, policy);
    double score = FaceEngine.similarity(a.face().embedding(), b.face().embedding());
    double threshold = engine.settings().matchThreshold();
    FaceComparison comparison =
        new FaceComparison(
            UUID.randomUUID(),
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            score,
            threshold,
            score >= threshold,
            policy.code(),
            a.evidence(),
            b.evidence());
    repository.insert(tenant, comparison);
    return comparison;
  }

  Optional<FaceComparison> find(TenantId tenant, UUID id) {
    return repository.find(tenant, id);
  }

  private DecodedImage decode(String part, byte[] bytes) {
    try {
      return engine.decode(bytes);
    } catch (BonafideException e) {
      throw naming(part, e);
    }
  }

  /** Detects every face, then analyses only the one to compare (most prominent first, per the engine). */
  private Analysed analyse(String part, DecodedImage image, MultipleFacesPolicy policy) {
    List<Detection> faces = engine.detect(image);
    if (faces.isEmpty()) {
      throw new BonafideException(
          ErrorCode.NO_FACE,
          "No face was found in the " + part + " image.",
          Map.of("part", part, "facesFound", 0));
    }
    if (faces.size() > 1 && policy == MultipleFacesPolicy.REFUSE) {
      throw new BonafideException(
          ErrorCode.MULTIPLE_FACES,
          "The "
              + part
              + " image shows "
              + faces.size()
              + " faces; with multipleFaces=refuse it must show exactly one.",
          Map.of("part", part, "facesFound", faces.size()));
    }
    DetectedFace face = engine.analyseFace(image, faces.get(0));
    ImageShape shape = new ImageShape(image.sha256(), image.format(), image.width(), image.height(), faces.size());
    return new Analysed(face, ComparedImage.of(shape, FaceEvidence.of(face)));
  }

  /** The engine's refusal, with the part it concerns. */
  private static BonafideException naming(String part, BonafideException e) {
    Map<String, Object> properties = new HashMap<>(e.properties());
    properties.put("part", part);
    return new BonafideException(e.errorCode(), part + ": " + e.getMessage(), properties, e);
  }

  private record Analysed(DetectedFace face, ComparedImage evidence) {}
}
