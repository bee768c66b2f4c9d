package org.bonafide.benchmarks;

import ai.onnxruntime.OrtException;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.EyeState;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceModel;
import org.bonafide.biometrics.HeadPose;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Milliseconds per face for each stage of the face pipeline, and in the same run the bare
 * {@code OrtSession.run} of each model on a tensor built once from the engine's own
 * pre-processing of the same face. Names: {@code stage*} call the engine's public stage method
 * (pre-processing, model call through the engine, post-processing); {@code prep*} only build the
 * model's input; {@code wrap*} are the engine's model call ({@code OnnxModels.run}: tensor made
 * from the float array, run, outputs copied out) on that input; {@code model*} are the bare runs;
 * {@code decode*} split the decode stage; {@code pipeline*} chain the stages.
 *
 * <p>Defaults suit a 2-core machine: one fork, short iterations, one benchmark thread and ONNX
 * Runtime with one intra-op thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class FaceStages {
  private FaceFixture f;
  private FaceEngine engine;
  private DecodedImage image;
  private Detection face;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    f = FaceFixture.load();
    engine = f.engine;
    image = f.image;
    face = f.face;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    f.close();
  }

  // ---- stages, as the engine runs them ------------------------------------------------------

  @Benchmark
  public DecodedImage stageDecode() {
    return engine.decode(f.bytes);
  }

  @Benchmark
  public List<Detection> stageDetect() {
    return engine.detect(image);
  }

  @Benchmark
  public float[] stageLandmarks() {
    return engine.landmarks(image, face.box());
  }

  @Benchmark
  public float[] stageAlignEmbed() {
    return engine.embed(image, f.landmarks);
  }

  @Benchmark
  public double stageAttackScore() {
    return engine.attackScore(image, face.box());
  }

  @Benchmark
  public HeadPose stagePose() {
    return engine.pose(image, face.box());
  }

  /** The face mesh in the region the 68 landmarks give (one model call, as a video frame gets). */
  @Benchmark
  public org.bonafide.biometrics.FaceMesh.Mesh stageFaceMesh() {
    return engine.faceMesh().fit(image, org.bonafide.biometrics.FaceMesh.Region.fromLandmarks(f.landmarks));
  }

  /** The hand-landmark model on the crop around the face (hand-sweep frames only). */
  @Benchmark
  public org.bonafide.biometrics.HandLandmarks.Hand stageHands() {
    return engine.hands().find(image, org.bonafide.biometrics.FaceMesh.Region.fromLandmarks(f.landmarks));
  }

  @Benchmark
  public EyeState stageEyes() {
    return engine.eyes(image, f.landmarks);
  }

  // ---- whole pipelines ----------------------------------------------------------------------

  /** What compare does per image: decode, detect, then every per-face stage on the most prominent face. */
  @Benchmark
  public DetectedFace pipelineWhole() {
    DecodedImage decoded = engine.decode(f.bytes);
    return engine.analyseFace(decoded, engine.detect(decoded).get(0));
  }

  /** The per-face stages only (landmarks, pose, eyes, align+embed, attack score, quality). */
  @Benchmark
  public DetectedFace pipelineAnalyseFace() {
    return engine.analyseFace(image, face);
  }

  /** What the evaluations do per image: decode, detect, landmarks, align+embed, attack score. */
  @Benchmark
  public void pipelineCore(Blackhole bh) {
    DecodedImage decoded = engine.decode(f.bytes);
    Detection subject = engine.detect(decoded).get(0);
    float[] points = engine.landmarks(decoded, subject.box());
    bh.consume(engine.embed(decoded, points));
    bh.consume(engine.attackScore(decoded, subject.box()));
  }

  // ---- pre-processing alone -----------------------------------------------------------------

  @Benchmark
  public float[] prepDetect() {
    return engine.detectInput(image);
  }

  @Benchmark
  public float[] prepLandmarks() {
    return engine.landmarkInput(image, face.box());
  }

  @Benchmark
  public float[] prepAlignEmbed() {
    return engine.featureInput(image, f.landmarks);
  }

  @Benchmark
  public float[] prepAttackScore() {
    return engine.livenessInput(image, face.box());
  }

  @Benchmark
  public float[] prepPose() {
    return engine.poseInput(image, face.box());
  }

  @Benchmark
  public float[][] prepEyes() {
    return engine.eyeInputs(image, f.landmarks);
  }

  // ---- bare model runs on the prepared tensors ----------------------------------------------

  @Benchmark
  public int modelDetect() throws OrtException {
    return f.runBare(FaceModel.DETECT);
  }

  @Benchmark
  public int modelLandmark() throws OrtException {
    return f.runBare(FaceModel.LANDMARK);
  }

  @Benchmark
  public int modelFeature() throws OrtException {
    return f.runBare(FaceModel.FEATURE);
  }

  @Benchmark
  public int modelLiveness() throws OrtException {
    return f.runBare(FaceModel.LIVENESS);
  }

  @Benchmark
  public int modelPose() throws OrtException {
    return f.runBare(FaceModel.POSE);
  }

  /** One eye; the eyes stage runs the model twice. */
  @Benchmark
  public int modelEye() throws OrtException {
    return f.runBare(FaceModel.EYE);
  }

  // ---- the engine's model call (OnnxModels.run): tensor copy in, run, outputs copied out -----

  @Benchmark
  public float[][] wrapDetect() {
    return f.runWrapped(FaceModel.DETECT);
  }

  @Benchmark
  public float[][] wrapLandmark() {
    return f.runWrapped(FaceModel.LANDMARK);
  }

  @Benchmark
  public float[][] wrapFeature() {
    return f.runWrapped(FaceModel.FEATURE);
  }

  @Benchmark
  public float[][] wrapLiveness() {
    return f.runWrapped(FaceModel.LIVENESS);
  }

  @Benchmark
  public float[][] wrapPose() {
    return f.runWrapped(FaceModel.POSE);
  }

  @Benchmark
  public float[][] wrapEye() {
    return f.runWrapped(FaceModel.EYE);
  }

  // ---- the decode stage split into the libraries it calls -----------------------------------

  /** Pixel decoding alone (the engine's decoder adds limits, EXIF orientation and SHA-256). */
  @Benchmark
  public BufferedImage decodeImageIo() throws IOException {
    return f.imageIoOnly();
  }

  @Benchmark
  public byte[] decodeSha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(f.bytes);
  }

  @Benchmark
  public Metadata decodeExif() throws IOException, ImageProcessingException {
    return ImageMetadataReader.readMetadata(new ByteArrayInputStream(f.bytes));
  }
}
