package org.bonafide.benchmarks;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.Detection;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.biometrics.FaceModel;

/**
 * Everything the benchmarks time, prepared once: the engine (ONNX Runtime single-threaded, so that
 * stage and model times compare cleanly), the photo's bytes, the decoded image, its one face, and
 * for every model a tensor built from the engine's own pre-processing of that face.
 *
 * <p>The photo is {@value #PHOTO_PROPERTY} (default {@value #DEFAULT_PHOTO}, relative to the working
 * directory, then to its parent, so it is found from the repository root or from benchmarks/). The
 * npm demo photos are group photos, so by default the photo is first cropped to a square of
 * {@value #CROP_PROPERTY} (default {@value #DEFAULT_CROP}) times the most prominent face's height around
 * that face and re-encoded as a JPEG, like a selfie; the fixture then checks that the crop holds
 * exactly one face. With {@code -Dbonafide.bench.crop=0} the whole photo is used and its most prominent
 * face is timed.
 */
public final class FaceFixture implements AutoCloseable {
  public static final String PHOTO_PROPERTY = "bonafide.bench.photo";
  public static final String CROP_PROPERTY = "bonafide.bench.crop";
  public static final String DEFAULT_PHOTO = "server/target/test-classes/photos/sample3.jpg";
  public static final String DEFAULT_CROP = "2.5";

  public final Path photo;
  public final double crop;
  public final FaceEngine engine;
  public final byte[] bytes;
  public final DecodedImage image;
  public final int facesInImage;
  public final Detection face;
  public final float[] landmarks;
  /** The engine's own input of each model for this face (the eye model: the left eye). */
  public final Map<FaceModel, float[]> inputs = new EnumMap<>(FaceModel.class);
  /** The input shape each session declares (batch 1). */
  public final Map<FaceModel, long[]> shapes = new EnumMap<>(FaceModel.class);
  /** Tensors made once from {@link #inputs}, keyed by the session's input name, for bare runs. */
  public final Map<FaceModel, Map<String, OnnxTensor>> feeds = new EnumMap<>(FaceModel.class);

  private FaceFixture(Path photo, double crop) throws IOException {
    this.photo = photo;
    this.crop = crop;
    this.engine = new FaceEngine(FaceEngineSettings.defaults().withThreads(1, 1));
    try {
      byte[] original = Files.readAllBytes(photo);
      byte[] chosen = original;
      if (crop > 0) {
        DecodedImage whole = engine.decode(original);
        List<Detection> faces = engine.detect(whole);
        if (faces.isEmpty()) {
          throw new IllegalStateException("No face found in " + photo + "; choose another photo with -D" + PHOTO_PROPERTY);
        }
        chosen = cropAround(whole.pixels(), faces.get(0), crop);
      }
      this.bytes = chosen;
      this.image = engine.decode(bytes);
      List<Detection> faces = engine.detect(image);
      this.facesInImage = faces.size();
      if (faces.isEmpty()) {
        throw new IllegalStateException("No face found in the benchmark image made from " + photo);
      }
      if (crop > 0 && faces.size() != 1) {
        throw new IllegalStateException(
            "The crop of "
                + photo
                + " holds "
                + faces.size()
                + " faces, not one: lower -D"
                + CROP_PROPERTY
                + " or choose another photo");
      }
      this.face = faces.get(0);
      this.landmarks = engine.landmarks(image, face.box());
      inputs.put(FaceModel.DETECT, engine.detectInput(image));
      inputs.put(FaceModel.LANDMARK, engine.landmarkInput(image, face.box()));
      inputs.put(FaceModel.FEATURE, engine.featureInput(image, landmarks));
      inputs.put(FaceModel.LIVENESS, engine.livenessInput(image, face.box()));
      inputs.put(FaceModel.POSE, engine.poseInput(image, face.box()));
      inputs.put(FaceModel.EYE, engine.eyeInputs(image, landmarks)[0]);
      for (Map.Entry<FaceModel, float[]> e : inputs.entrySet()) {
        feeds.put(e.getKey(), feed(e.getKey(), e.getValue()));
      }
    } catch (OrtException e) {
      close();
      throw new IllegalStateException("cannot build the model input tensors: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Loads the fixture from the system properties. */
  public static FaceFixture load() throws IOException {
    String name = System.getProperty(PHOTO_PROPERTY, DEFAULT_PHOTO);
    Path photo = Path.of(name);
    if (!Files.isRegularFile(photo) && !photo.isAbsolute() && Files.isRegularFile(Path.of("..").resolve(name))) {
      photo = Path.of("..").resolve(name);
    }
    if (!Files.isRegularFile(photo)) {
      throw new IllegalStateException(
          "Benchmark photo "
              + name
              + " not found (working directory "
              + Path.of("").toAbsolutePath()
              + "). Build the server first (./mvnw -B package fetches the npm photos) or pass -D"
              + PHOTO_PROPERTY
              + "=path/to/photo.jpg");
    }
    double crop = Double.parseDouble(System.getProperty(CROP_PROPERTY, DEFAULT_CROP));
    return new FaceFixture(photo, crop);
  }

  private OrtSession session(FaceModel model) {
    return engine.models().session(model);
  }

  /** The tensor the session expects (its declared shape, batch 1), holding the engine's input. */
  private Map<String, OnnxTensor> feed(FaceModel model, float[] input) throws OrtException {
    String name = engine.models().inputName(model);
    NodeInfo info = session(model).getInputInfo().get(name);
    long[] shape = ((TensorInfo) info.getInfo()).getShape().clone();
    long size = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        shape[i] = 1;
      }
      size *= shape[i];
    }
    if (size != input.length) {
      throw new IllegalStateException(
          model.id() + " expects " + Arrays.toString(shape) + " but the engine's input has " + input.length + " values");
    }
    shapes.put(model, shape);
    return Map.of(name, OnnxTensor.createTensor(engine.models().environment(), FloatBuffer.wrap(input), shape));
  }

  /**
   * One bare {@code OrtSession.run} on the prepared tensor. The outputs are not copied out; closing
   * the result (freeing its native buffers) is the only other work timed.
   */
  public int runBare(FaceModel model) throws OrtException {
    try (OrtSession.Result result = session(model).run(feeds.get(model))) {
      return result.size();
    }
  }

  /** A square of {@code factor} times the face height around the face, clamped to the image, as JPEG. */
  static byte[] cropAround(BufferedImage src, Detection face, double factor) throws IOException {
    double side = Math.min(Math.min(src.getWidth(), src.getHeight()), face.box().height() * factor);
    double cx = (face.box().x1() + face.box().x2()) / 2;
    double cy = (face.box().y1() + face.box().y2()) / 2;
    int s = (int) Math.round(side);
    int x = (int) Math.round(Math.max(0, Math.min(cx - side / 2, src.getWidth() - side)));
    int y = (int) Math.round(Math.max(0, Math.min(cy - side / 2, src.getHeight() - side)));
    s = Math.min(s, Math.min(src.getWidth() - x, src.getHeight() - y));
    BufferedImage cropped = new BufferedImage(s, s, BufferedImage.TYPE_3BYTE_BGR);
    cropped.getGraphics().drawImage(src.getSubimage(x, y, s, s), 0, 0, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(cropped, "jpg", out)) {
      throw new IOException("no JPEG writer");
    }
    return out.toByteArray();
  }

  /**
   * Decodes the bytes with an ImageIO JPEG reader the way the engine's decoder does (metadata
   * ignored, no disk cache) but without its limits, EXIF orientation and hashing, to split the
   * decode stage.
   */
  public BufferedImage imageIoOnly() throws IOException {
    ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      return reader.read(0);
    } finally {
      reader.dispose();
    }
  }

  /** The model call as the engine makes it: tensor from the float array, run, outputs copied out. */
  public float[][] runWrapped(FaceModel model) {
    return engine.models().run(model, inputs.get(model), shapes.get(model));
  }

  /** One line describing the input, for reports. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "%s%s -> %dx%d JPEG of %d bytes, %d face(s), timed face %.0f px high",
        photo,
        crop > 0 ? " cropped to " + crop + "x the face height" : " (whole photo)",
        image.width(),
        image.height(),
        bytes.length,
        facesInImage,
        face.box().height());
  }

  @Override
  public void close() {
    for (Map<String, OnnxTensor> f : feeds.values()) {
      f.values().forEach(OnnxTensor::close);
    }
    engine.close();
  }
}
