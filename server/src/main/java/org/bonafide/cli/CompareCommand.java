package org.bonafide.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.bonafide.biometrics.DecodedImage;
import org.bonafide.biometrics.DetectedFace;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.bonafide.biometrics.QualityIssue;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code compare A B}: 1:1 comparison of the most prominent face in each of two images. */
final class CompareCommand {
  static final Set<String> OPTIONS = Set.of("threshold", "threads");

  private CompareCommand() {}

  static ObjectNode run(Args args, CommandContext ctx) {
    args.expectPositionals(2, "two image files, A and B");
    Path a = existingFile(args.positionals().get(0));
    Path b = existingFile(args.positionals().get(1));
    double threshold =
        args.doubleOption("threshold", FaceEngineSettings.DEFAULT_MATCH_THRESHOLD, -1, 1);
    int threads = args.intOption("threads", 0, 0, 1024);
    FaceEngineSettings settings = FaceEngineSettings.defaults().withMatchThreshold(threshold).withThreads(threads, 1);

    ObjectNode result = Json.object();
    ObjectNode aNode = Json.object();
    ObjectNode bNode = Json.object();
    long start = ctx.nanoClock().getAsLong();
    try (FaceEngine engine = ctx.engine(settings)) {
      long loaded = ctx.nanoClock().getAsLong();
      DetectedFace faceA = analyse(engine, a, aNode, ctx);
      DetectedFace faceB = analyse(engine, b, bNode, ctx);
      double score = FaceEngine.similarity(faceA.embedding(), faceB.embedding());
      result.put("score", score);
      result.put("threshold", threshold);
      result.put("match", score >= threshold);
      result.set("a", aNode);
      result.set("b", bNode);
      long end = ctx.nanoClock().getAsLong();
      Json.millis(result, "ms", end - loaded);
      Json.millis(result, "model_load_ms", loaded - start);
      return result;
    }
  }

  private static Path existingFile(String name) {
    Path p = Path.of(name);
    if (!Files.isRegularFile(p)) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND, "The image " + name + (Files.exists(p) ? " is not a regular file." : " does not exist."));
    }
    return p;
  }

  private static DetectedFace analyse(FaceEngine engine, Path file, ObjectNode node, CommandContext ctx) {
    long start = ctx.nanoClock().getAsLong();
    ImageBatch.Loaded loaded = ImageBatch.load(engine, file);
    DecodedImage image = loaded.image();
    DetectedFace face = engine.analyseFace(image, loaded.subject());
    long end = ctx.nanoClock().getAsLong();

    node.put("image", file.toString());
    node.put("width", image.width());
    node.put("height", image.height());
    node.put("faces", loaded.faces().size());
    ObjectNode box = node.putObject("box");
    box.put("x1", face.box().x1());
    box.put("y1", face.box().y1());
    box.put("x2", face.box().x2());
    box.put("y2", face.box().y2());
    node.put("detection_score", face.detectionScore());
    ArrayNode issues = node.putArray("quality_issues");
    for (QualityIssue issue : face.quality().issues()) {
      issues.add(issue.code());
    }
    node.put("face_size_px", face.quality().faceSizePx());
    Json.number(node, "sharpness", face.quality().sharpness());
    Json.number(node, "brightness", face.quality().brightness());
    ObjectNode pose = node.putObject("pose");
    pose.put("yaw", face.pose().yaw());
    pose.put("pitch", face.pose().pitch());
    pose.put("roll", face.pose().roll());
    ObjectNode eyes = node.putObject("eyes_open");
    eyes.put("left", face.eyes().leftOpenProbability());
    eyes.put("right", face.eyes().rightOpenProbability());
    Json.number(node, "attack_score", face.attackScore());
    Json.millis(node, "ms", end - start);
    return face;
  }
}
