package org.bonafide.biometrics;

import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The face pipeline: decode, detect, 68 landmarks, pose, eyes, quality, aligned 512-d embedding
 * and passive presentation-attack score, on the faceplugin ONNX models.
 *
 * <p>Thread-safe; create one per process (it owns the native model sessions) and close it on
 * shutdown. Stage methods are public so benchmarks can time each against the bare model call.
 */
public final class FaceEngine implements AutoCloseable {
  /** ArcFace 112x112 reference points: eyes, nose tip, mouth corners. */
  static final double[][] REFERENCE_POINTS = {
    {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}
  };

  private static final int DETECT_W = 320;
  private static final int DETECT_H = 240;
  private static final float NMS_IOU = 0.4f;
  /**
   * Index of the bona fide class in the liveness model's softmax. Measured, not taken from the
   * package's JavaScript: with BGR input, class 0 is high for live faces and low for the print and
   * replay samples (docs/face-engine.md).
   */
  static final int LIVE_CLASS = 0;
  /**
   * Index of the open-eye class in the eye model's softmax. The package's JavaScript returns
   * {@code p[0] > p[1]}, which is the closed flag: open eyes score high on class 1.
   */
  static final int EYE_OPEN_CLASS = 1;

  /**
   * The mesh's face flag from which its pose is used: real faces score above 0.9, crops without a
   * face below 0.1 (FaceMeshModelTest).
   */
  public static final double MESH_MIN_CONFIDENCE = 0.5;

  private static final float[] ZERO = {0, 0, 0};
  private static final float[] ONE = {1, 1, 1};
  private static final float[] MEAN_127 = {127, 127, 127};
  private static final float[] SCALE_128 = {1 / 128f, 1 / 128f, 1 / 128f};
  private static final float[] IMAGENET_MEAN = {0.485f * 255, 0.456f * 255, 0.406f * 255};
  private static final float[] IMAGENET_SCALE = {1 / (0.229f * 255), 1 / (0.224f * 255), 1 / (0.225f * 255)};

  private final FaceEngineSettings settings;
  private final OnnxModels models;
  private final ImageDecoder decoder;
  /** The face-mesh, iris and hand models, loaded on first use (comparisons never need them). */
  private volatile MeshModels meshModels;
  /** The learned blend detector, loaded on first use (video analysis scores a subset of frames). */
  private volatile BlendDetector blendDetector;

  public FaceEngine(FaceEngineSettings settings) {
    this(settings, ModelTimer.NONE);
  }

  public FaceEngine(FaceEngineSettings settings, ModelTimer timer) {
    this.settings = settings;
    this.decoder = new ImageDecoder(settings.maxImageBytes(), settings.maxImagePixels());
    this.models = new OnnxModels(settings.intraOpThreads(), settings.interOpThreads(), timer);
  }

  public FaceEngineSettings settings() {
    return settings;
  }

  public OnnxModels models() {
    return models;
  }

  /** The converted MediaPipe models, loaded on first use with the engine's intra-op threads. */
  MeshModels meshModels() {
    MeshModels m = meshModels;
    if (m == null) {
      synchronized (this) {
        m = meshModels;
        if (m == null) {
          m = new MeshModels(Math.max(1, settings.intraOpThreads()));
          meshModels = m;
        }
      }
    }
    return m;
  }

  /** The learned blend detector, loaded on first use. */
  public BlendDetector blendDetector() {
    BlendDetector b = blendDetector;
    if (b == null) {
      synchronized (this) {
        b = blendDetector;
        if (b == null) {
          b = BlendDetector.load();
          blendDetector = b;
        }
      }
    }
    return b;
  }

  /** The face mesh on this engine's models. */
  public FaceMesh faceMesh() {
    return new FaceMesh(meshModels());
  }

  /** The hand-landmark model on this engine's models. */
  public HandLandmarks hands() {
    return new HandLandmarks(meshModels());
  }

  /** Decodes bytes with the configured limits; throws a catalogued error for bad input. */
  public DecodedImage decode(byte[] bytes) {
    return decoder.decode(bytes);
  }

  /**
   * Decodes bytes within a tighter budget than the configured limits (a video frame's): at most
   * {@code maxPixels} pixels and a long side at most {@code maxAspect} times the short one, both
   * read from the header before anything is decoded ({@code image-too-many-pixels}, {@code
   * validation-failed}).
   */
  public DecodedImage decode(byte[] bytes, long maxPixels, double maxAspect) {
    return decoder.decode(bytes, maxPixels, maxAspect);
  }

  /**
   * Every face in the image, fully analysed, most prominent first (area discounted by distance from
   * the centre), so the first face is the photo's subject.
   */
  public List<DetectedFace> analyse(DecodedImage image) {
    List<Detection> detections = detect(image);
    List<DetectedFace> faces = new ArrayList<>(detections.size());
    for (Detection d : detections) {
      faces.add(analyseFace(image, d));
    }
    return faces;
  }

  /**
   * Landmarks, face mesh, pose (from the mesh), eyes, quality, embedding and attack score of one
   * detected face.
   */
  public DetectedFace analyseFace(DecodedImage image, Detection detection) {
    return analyseFace(image, detection, true);
  }

  /**
   * As {@link #analyseFace(DecodedImage, Detection)}; without {@code withAttackScore} the attack
   * model is not run and {@link DetectedFace#attackScore()} is NaN (video analysis scores a subset
   * of frames).
   */
  public DetectedFace analyseFace(DecodedImage image, Detection detection, boolean withAttackScore) {
    FaceBox box = detection.box();
    float[] landmarks = landmarks(image, box);
    FaceMesh.Mesh mesh = faceMesh().fit(image, FaceMesh.Region.fromLandmarks(landmarks));
    boolean meshFits = mesh.confidence() >= MESH_MIN_CONFIDENCE;
    // the mesh's pose holds to profile and costs less than the pose model, which stays the fallback
    HeadPose pose = meshFits ? mesh.pose() : pose(image, box);
    EyeState eyes = eyes(image, landmarks);
    float[] aligned = featureInput(image, landmarks);
    float[] embedding = embedAligned(aligned);
    double attack = withAttackScore ? attackScore(image, box) : Double.NaN;
    FaceQuality quality = quality(image, box, aligned, pose, eyes);
    return new DetectedFace(box, detection.score(), landmarks, pose, eyes, quality, embedding, attack, meshFits ? mesh : null);
  }

  /** Cosine similarity of two L2-normalised embeddings, in [-1, 1]. */
  public static double similarity(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "embeddings must have the same length: " + a.length + " vs " + b.length);
    }
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  // ---- detection --------------------------------------------------------------------------

  public float[] detectInput(DecodedImage image) {
    return Pixels.sample(
        raster(image),
        image.width(),
        image.height(),
        Pixels.rectToSize(0, 0, image.width(), image.height(), DETECT_W, DETECT_H),
        DETECT_W,
        DETECT_H,
        Pixels.Layout.RGB,
        MEAN_127,
        SCALE_128);
  }

  /** Face boxes above the detection threshold after non-maximum suppression, most prominent first. */
  public List<Detection> detect(DecodedImage image) {
    float[][] out = models.run(FaceModel.DETECT, detectInput(image), new long[] {1, 3, DETECT_H, DETECT_W});
    float[] scores = out[0];
    float[] boxes = out[1];
    if (scores.length * 2 != boxes.length) {
      // outputs come in declared order (scores, boxes); guard against a model with the other order
      float[] t = scores;
      scores = boxes;
      boxes = t;
    }
    int n = scores.length / 2;
    List<Detection> candidates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float score = scores[2 * i + 1];
      if (score >= settings.detectionThreshold()) {
        float x1 = boxes[4 * i] * image.width();
        float y1 = boxes[4 * i + 1] * image.height();
        float x2 = boxes[4 * i + 2] * image.width();
        float y2 = boxes[4 * i + 3] * image.height();
        if (x2 > x1 && y2 > y1) {
          candidates.add(new Detection(new FaceBox(x1, y1, x2, y2), score));
        }
      }
    }
    candidates.sort(Comparator.comparingDouble((Detection d) -> d.score()).reversed());
    List<Detection> kept = new ArrayList<>();
    for (Detection c : candidates) {
      boolean suppressed = false;
      for (Detection k : kept) {
        if (iou(c.box(), k.box()) > NMS_IOU) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) {
        kept.add(c);
      }
    }
    double cx = image.width() / 2.0;
    double cy = image.height() / 2.0;
    double halfDiagonal = Math.hypot(cx, cy);
    kept.sort(
        Comparator.comparingDouble((Detection d) -> prominence(d.box(), cx, cy, halfDiagonal)).reversed());
    return kept;
  }

  /**
   * How much a face is the subject of the photo: its area, discounted by its distance from the
   * centre. A larger but off-centre face (a passer-by behind the subject) ranks below the subject.
   */
  private static double prominence(FaceBox box, double cx, double cy, double halfDiagonal) {
    double dx = (box.x1() + box.x2()) / 2.0 - cx;
    double dy = (box.y1() + box.y2()) / 2.0 - cy;
    return box.area() * (1 - 0.5 * Math.hypot(dx, dy) / halfDiagonal);
  }

  private static float iou(FaceBox a, FaceBox b) {
    float ix = Math.max(0, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()));
    float iy = Math.max(0, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()));
    float inter = ix * iy;
    return inter / (a.area() + b.area() - inter);
  }

  /** The square the landmark and attack models were trained on: box height, same centre. */
  private static double[] squareBox(FaceBox box) {
    double side = box.height();
    double cx = (box.x1() + box.x2()) / 2.0;
    double cy = (box.y1() + box.y2()) / 2.0;
    return new double[] {cx - side / 2, cy - side / 2, side};
  }

  // ---- landmarks --------------------------------------------------------------------------

  public float[] landmarkInput(DecodedImage image, FaceBox box) {
    double[] sq = squareBox(box);
    return Pixels.sample(
        raster(image),
        image.width(),
        image.height(),
        Pixels.rectToSize(sq[0], sq[1], sq[2], sq[2], 64, 64),
        64,
        64,
        Pixels.Layout.GREY,
        ZERO,
        new float[] {1 / 256f});
  }

  /** 68 landmarks (x0, y0, ..., x67, y67) in image pixels. */
  public float[] landmarks(DecodedImage image, FaceBox box) {
    double[] sq = squareBox(box);
    float[] out = models.run(FaceModel.LANDMARK, landmarkInput(image, box), new long[] {1, 1, 64, 64})[0];
    float[] points = new float[136];
    for (int i = 0; i < 68; i++) {
      points[2 * i] = (float) (out[2 * i] * sq[2] + sq[0]);
      points[2 * i + 1] = (float) (out[2 * i + 1] * sq[2] + sq[1]);
    }
    return points;
  }

  /** Eyes, nose tip and mouth corners from the 68 points, as the embedding model expects. */
  static double[][] fivePoints(float[] lm) {
    return new double[][] {
      {mean(lm, 0, 37, 38, 40, 41), mean(lm, 1, 37, 38, 40, 41)},
      {mean(lm, 0, 43, 44, 46, 47), mean(lm, 1, 43, 44, 46, 47)},
      {lm[60], lm[61]},
      {mean(lm, 0, 48, 60), mean(lm, 1, 48, 60)},
      {mean(lm, 0, 54, 64), mean(lm, 1, 54, 64)}
    };
  }

  private static double mean(float[] lm, int axis, int... points) {
    double sum = 0;
    for (int p : points) {
      sum += lm[2 * p + axis];
    }
    return sum / points.length;
  }

  // ---- embedding --------------------------------------------------------------------------

  /** The face warped onto the 112x112 reference points, normalised for the embedding model. */
  public float[] featureInput(DecodedImage image, float[] landmarks) {
    double[] toSource = SimilarityTransform.estimate(REFERENCE_POINTS, fivePoints(landmarks));
    return Pixels.sample(
        raster(image), image.width(), image.height(), toSource, 112, 112, Pixels.Layout.BGR, MEAN_127, SCALE_128);
  }

  /** L2-normalised 512-d embedding of a face. */
  public float[] embed(DecodedImage image, float[] landmarks) {
    return embedAligned(featureInput(image, landmarks));
  }

  private float[] embedAligned(float[] aligned) {
    float[] e = models.run(FaceModel.FEATURE, aligned, new long[] {1, 3, 112, 112})[0];
    double norm = 0;
    for (float v : e) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < e.length; i++) {
        e[i] = (float) (e[i] / norm);
      }
    }
    return e;
  }

  // ---- passive attack score ---------------------------------------------------------------

  public float[] livenessInput(DecodedImage image, FaceBox box) {
    double[] sq = squareBox(box);
    int w = image.width();
    int h = image.height();
    double scale = Math.min(Math.min((h - 1) / sq[2], (w - 1) / sq[2]), 2.7);
    double side = sq[2] * scale;
    double cx = sq[0] + sq[2] / 2;
    double cy = sq[1] + sq[2] / 2;
    double x = Math.max(0, Math.min(cx - side / 2, w - 1 - side));
    double y = Math.max(0, Math.min(cy - side / 2, h - 1 - side));
    return Pixels.sample(
        raster(image), w, h, Pixels.rectToSize(x, y, side, side, 128, 128), 128, 128, Pixels.Layout.BGR, ZERO, ONE);
  }

  /** Probability-like score that the face is a presentation attack (0 bona fide, 1 attack). */
  public double attackScore(DecodedImage image, FaceBox box) {
    float[] logits = models.run(FaceModel.LIVENESS, livenessInput(image, box), new long[] {1, 3, 128, 128})[0];
    return 1.0 - softmax(logits)[LIVE_CLASS];
  }

  // ---- pose and eyes ----------------------------------------------------------------------

  /** The pose model's input: the face box grown by a quarter each side, 224x224, ImageNet-normalised. */
  public float[] poseInput(DecodedImage image, FaceBox box) {
    double w = box.width();
    double h = box.height();
    double x1 = Math.max(0, box.x1() - w / 4);
    double y1 = Math.max(0, box.y1() - h / 4);
    double x2 = Math.min(image.width(), box.x2() + w / 4);
    double y2 = Math.min(image.height(), box.y2() + h / 4);
    return Pixels.sample(
        raster(image),
        image.width(),
        image.height(),
        Pixels.rectToSize(x1, y1, x2 - x1, y2 - y1, 224, 224),
        224,
        224,
        Pixels.Layout.RGB,
        IMAGENET_MEAN,
        IMAGENET_SCALE);
  }

  public HeadPose pose(DecodedImage image, FaceBox box) {
    float[][] out = models.run(FaceModel.POSE, poseInput(image, box), new long[] {1, 3, 224, 224});
    return new HeadPose(binnedAngle(out[0]), binnedAngle(out[1]), binnedAngle(out[2]));
  }

  /** Expected angle over 66 bins of 3 degrees starting at -99 (Hopenet's head). */
  private static float binnedAngle(float[] logits) {
    float[] p = softmax(logits);
    double expected = 0;
    for (int i = 0; i < p.length; i++) {
      expected += p[i] * i;
    }
    return (float) (expected * 3 - 99);
  }

  public EyeState eyes(DecodedImage image, float[] lm) {
    float[][] inputs = eyeInputs(image, lm);
    float left = eyeOpen(inputs[0]);
    float right = eyeOpen(inputs[1]);
    return new EyeState(left, right, left >= 0.5f, right >= 0.5f);
  }

  /** The eye model's inputs, left then right eye as seen in the image: 24x24 grey crops. */
  public float[][] eyeInputs(DecodedImage image, float[] lm) {
    return new float[][] {
      eyeInput(image, mean(lm, 0, 37, 38, 40, 41), mean(lm, 1, 37, 38, 40, 41), (lm[78] - lm[72]) * 1.6),
      eyeInput(image, mean(lm, 0, 43, 44, 46, 47), mean(lm, 1, 43, 44, 46, 47), (lm[90] - lm[84]) * 1.6)
    };
  }

  private float[] eyeInput(DecodedImage image, double cx, double cy, double size) {
    double side = Math.max(2, size);
    return Pixels.sample(
        raster(image),
        image.width(),
        image.height(),
        Pixels.rectToSize(cx - side / 2, cy - side / 2, side, side, 24, 24),
        24,
        24,
        Pixels.Layout.GREY,
        ZERO,
        new float[] {1 / 255f});
  }

  private float eyeOpen(float[] input) {
    float[] logits = models.run(FaceModel.EYE, input, new long[] {1, 1, 24, 24})[0];
    return softmax(logits)[EYE_OPEN_CLASS];
  }

  // ---- quality ----------------------------------------------------------------------------

  private FaceQuality quality(DecodedImage image, FaceBox box, float[] aligned, HeadPose pose, EyeState eyes) {
    int plane = 112 * 112;
    float[] grey = new float[plane];
    double sum = 0;
    for (int i = 0; i < plane; i++) {
      float r = aligned[i] * 128 + 127;
      float g = aligned[plane + i] * 128 + 127;
      float b = aligned[2 * plane + i] * 128 + 127;
      grey[i] = 0.299f * r + 0.587f * g + 0.114f * b;
      sum += grey[i];
    }
    double brightness = sum / plane;
    double sharpness = laplacianVariance(grey, 112, 112);
    int size = Math.round(box.height());
    List<QualityIssue> issues = new ArrayList<>();
    if (size < settings.minFaceSize()) {
      issues.add(QualityIssue.FACE_TOO_SMALL);
    }
    if (sharpness < settings.minSharpness()) {
      issues.add(QualityIssue.BLURRED);
    }
    if (brightness < settings.minBrightness()) {
      issues.add(QualityIssue.TOO_DARK);
    }
    if (brightness > settings.maxBrightness()) {
      issues.add(QualityIssue.TOO_BRIGHT);
    }
    if (Math.abs(pose.yaw()) > settings.maxYaw() || Math.abs(pose.pitch()) > settings.maxPitch()) {
      issues.add(QualityIssue.OFF_ANGLE);
    }
    if (eyes.bothClosed()) {
      issues.add(QualityIssue.EYES_CLOSED);
    }
    float margin = 0.02f * box.height();
    if (box.x1() < -margin
        || box.y1() < -margin
        || box.x2() > image.width() + margin
        || box.y2() > image.height() + margin) {
      issues.add(QualityIssue.CUT_OFF);
    }
    return new FaceQuality(size, sharpness, brightness, issues);
  }

  /** Variance of the 4-neighbour Laplacian, the usual focus measure. */
  static double laplacianVariance(float[] grey, int w, int h) {
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        int i = y * w + x;
        double lap = grey[i - 1] + grey[i + 1] + grey[i - w] + grey[i + w] - 4 * grey[i];
        sum += lap;
        sumSq += lap * lap;
        n++;
      }
    }
    double mean = sum / n;
    return sumSq / n - mean * mean;
  }

  static float[] softmax(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    float[] p = new float[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = (float) Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (p[i] / sum);
    }
    return p;
  }

  private static byte[] raster(DecodedImage image) {
    return ((DataBufferByte) image.pixels().getRaster().getDataBuffer()).getData();
  }

  @Override
  public void close() {
    models.close();
    MeshModels m = meshModels;
    if (m != null) {
      m.close();
    }
    BlendDetector b = blendDetector;
    if (b != null) {
      b.close();
    }
  }
}
