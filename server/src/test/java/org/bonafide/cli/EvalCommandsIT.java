package org.bonafide.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bonafide.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.biometrics.FaceEngineSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The commands end to end on the real models and the npm demo photos: each photo, a resized copy
 * of it (same person, other pixels) and one file that is not an image.
 *
 * <p>The photos are group photos. The commands compare each photo's most prominent face (area
 * discounted by distance from the centre); in sample2, sample4, sample5 and sample6 the top two
 * faces are within a few percent of each other, so which one is the subject can flip when the photo
 * is resized. The identity tests use the photos with a clear subject ({@link #CLEAR}).
 */
class EvalCommandsIT {
  /** Photos whose subject stays the subject when resized; the two subjects are different people. */
  private static final int[] CLEAR = {1, 3};

  @TempDir static Path dir;

  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  @BeforeAll
  static void photos() throws IOException {
    for (int n = 1; n <= TestImages.PHOTO_COUNT; n++) {
      TestImages.copyPhoto(n, dir);
      TestImages.writeResized(n, 0.6, dir.resolve("sample" + n + "-small.jpg"));
    }
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    noise[0] = (byte) 0xFF;
    noise[1] = (byte) 0xD8;
    noise[2] = (byte) 0xFF;
    Files.write(dir.resolve("broken.jpg"), noise);
  }

  private JsonNode run(int expectedStatus, String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    int status =
        Cli.run(
            args,
            new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                FaceEngine::new,
                System::nanoTime));
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as("exit status; stdout %s stderr %s", stdout, err).isEqualTo(expectedStatus);
    String[] lines = stdout.split("\n");
    assertThat(lines).hasSize(1);
    return Json.MAPPER.readTree(lines[0]);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void compareMatchesAPhotoWithItsResizedCopy() {
    JsonNode r =
        run(0, "compare", dir.resolve("sample3.jpg").toString(), dir.resolve("sample3-small.jpg").toString());
    assertThat(r.get("match").asBoolean()).isTrue();
    assertThat(r.get("score").asDouble()).isGreaterThan(0.7).isLessThanOrEqualTo(1.0 + 1e-6);
    assertThat(r.get("threshold").asDouble()).isEqualTo(FaceEngineSettings.DEFAULT_MATCH_THRESHOLD);
    JsonNode a = r.get("a");
    assertThat(a.get("faces").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(a.get("box").get("x2").asDouble()).isGreaterThan(a.get("box").get("x1").asDouble());
    assertThat(a.get("quality_issues").isArray()).isTrue();
    assertThat(a.get("attack_score").asDouble()).isBetween(0.0, 1.0);
    assertThat(a.get("ms").asDouble()).isPositive();
    // the copy is 0.6 times the size, so is its subject's face
    assertThat(r.get("b").get("face_size_px").asDouble() / a.get("face_size_px").asDouble()).isCloseTo(0.6, within(0.1));
  }

  @Test
  void compareDoesNotMatchDifferentPeopleAndHonoursTheThreshold() {
    String a = dir.resolve("sample1.jpg").toString();
    String b = dir.resolve("sample2.jpg").toString();
    JsonNode r = run(0, "compare", a, b, "--threads", "1");
    assertThat(r.get("match").asBoolean()).isFalse();
    double score = r.get("score").asDouble();
    JsonNode lenient = run(0, "compare", a, b, "--threshold", String.valueOf(score - 0.01));
    assertThat(lenient.get("match").asBoolean()).isTrue();
    assertThat(lenient.get("score").asDouble()).isEqualTo(score);
  }

  @Test
  void compareReportsAnImageThatIsNotOne() {
    JsonNode r = run(2, "compare", dir.resolve("sample1.jpg").toString(), dir.resolve("broken.jpg").toString());
    assertThat(r.get("error").asString()).isEqualTo("image-unreadable");
    assertThat(r.get("detail").asString()).contains("broken.jpg");
  }

  @Test
  void facePairsFromIdentitiesUsesEveryPairAndCountsTheFailedImage() throws IOException {
    StringBuilder csv = new StringBuilder("image,identity\n");
    for (int n : CLEAR) {
      csv.append("sample").append(n).append(".jpg,person").append(n).append('\n');
      csv.append("sample").append(n).append("-small.jpg,person").append(n).append('\n');
    }
    csv.append("broken.jpg,person99\n");
    Path ids = write("ids.csv", csv.toString());

    JsonNode r =
        run(0, "eval", "face-pairs", "--images", dir.toString(), "--identities", ids.toString(), "--progress-every", "5");
    assertThat(r.get("images").asInt()).isEqualTo(5);
    assertThat(r.get("failed_to_enrol").asInt()).isEqualTo(1);
    assertThat(r.get("fte").asDouble()).isCloseTo(1 / 5.0, within(1e-12));
    assertThat(r.get("failed_images").get("broken.jpg").asString()).isEqualTo("image-unreadable");
    assertThat(r.get("pairs").asInt()).isEqualTo(5 * 4 / 2);
    assertThat(r.get("genuine").asInt()).isEqualTo(2);
    assertThat(r.get("failed_pairs").asInt()).isEqualTo(4);
    assertThat(r.get("impostor").asInt()).isEqualTo(10 - 2 - 4);
    assertThat(r.get("threshold").asDouble()).isEqualTo(FaceEngineSettings.DEFAULT_MATCH_THRESHOLD);
    // a resized copy is the same face: every genuine pair is a match
    assertThat(r.get("min_genuine_score").asDouble()).isGreaterThan(0.7);
    assertThat(r.get("max_genuine_score").asDouble()).isBetween(r.get("min_genuine_score").asDouble(), 1.0);
    assertThat(r.get("fnmr_at_threshold").asDouble()).isZero();
    assertThat(r.get("fmr_at_threshold").asDouble()).isZero();
    assertThat(r.get("auc").asDouble()).isEqualTo(1.0);
    assertThat(r.get("eer").asDouble()).isZero();
    assertThat(r.get("max_impostor_score").asDouble()).isLessThan(r.get("min_genuine_score").asDouble());
    // 12 impostor pairs cannot resolve a false accept rate of 1 in 100
    assertThat(r.get("tar_at_far").get("1e-2").isNull()).isTrue();
    assertThat(r.get("tar_at_far").get("1e-3").isNull()).isTrue();
    assertThat(r.get("notes").toString()).contains("at least 100 impostor pairs");
    assertThat(r.get("ms_per_image").asDouble()).isPositive();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("eval face-pairs: 5/5 images").contains("images/s");
  }

  @Test
  void facePairsFromAPairsFileScoresEachListedPair() throws IOException {
    Path pairs =
        write(
            "pairs.csv",
            "image_a,image_b,same\n"
                + "sample1.jpg,sample1-small.jpg,yes\n"
                + "sample3.jpg,sample3-small.jpg,TRUE\n"
                + "sample1.jpg,sample2.jpg,0\n"
                + "sample2.jpg,sample4-small.jpg,no\n"
                + "sample2.jpg,broken.jpg,1\n");
    JsonNode r = run(0, "eval", "face-pairs", "--images", dir.toString(), "--pairs", pairs.toString());
    assertThat(r.get("pairs").asInt()).isEqualTo(5);
    assertThat(r.get("images").asInt()).isEqualTo(7);
    assertThat(r.get("genuine").asInt()).isEqualTo(2);
    assertThat(r.get("impostor").asInt()).isEqualTo(2);
    assertThat(r.get("failed_pairs").asInt()).isEqualTo(1);
    assertThat(r.get("failed_genuine_pairs").asInt()).isEqualTo(1);
    assertThat(r.get("auc").asDouble()).isEqualTo(1.0);
    assertThat(r.get("eer").asDouble()).isZero();
    assertThat(r.get("fmr_at_threshold").asDouble()).isZero();
  }

  private Path labels() throws IOException {
    StringBuilder csv = new StringBuilder("image,label,attack_type\n");
    for (int n = 1; n <= TestImages.PHOTO_COUNT; n++) {
      csv.append("sample").append(n).append(".jpg,bona_fide,\n");
    }
    // not real attacks: the test checks the arithmetic and the contract, not the detector
    csv.append("sample1-small.jpg,attack,print\n");
    csv.append("sample2-small.jpg,attack,print\n");
    csv.append("sample3-small.jpg,ATTACK,replay\n");
    csv.append("broken.jpg,attack,replay\n");
    return write("labels.csv", csv.toString());
  }

  @Test
  void padAtThresholdZeroCallsEveryPresentationAnAttack() throws IOException {
    JsonNode r = run(0, "eval", "pad", "--images", dir.toString(), "--labels", labels().toString(), "--threshold", "0");
    assertThat(r.get("images").asInt()).isEqualTo(10);
    assertThat(r.get("bona_fide").asInt()).isEqualTo(6);
    assertThat(r.get("attack").asInt()).isEqualTo(4);
    assertThat(r.get("attacks_by_type").get("replay").asInt()).isEqualTo(2);
    assertThat(r.get("failed_to_enrol").asInt()).isEqualTo(1);
    assertThat(r.get("apnrr").asDouble()).isEqualTo(0.25);
    assertThat(r.get("bpnrr").asDouble()).isZero();
    assertThat(r.get("apcer").asDouble()).isZero();
    assertThat(r.get("bpcer").asDouble()).isEqualTo(1.0);
    assertThat(r.get("apcer_by_type").get("print").asDouble()).isZero();
    assertThat(r.get("apcer_by_type").get("replay").asDouble()).isZero();
  }

  @Test
  void padReportsTheWorstAttackTypeAndIsTheSameWithParallelWorkers() throws IOException {
    Path labels = labels();
    JsonNode one = run(0, "eval", "pad", "--images", dir.toString(), "--labels", labels.toString());
    JsonNode two = run(0, "eval", "pad", "--images", dir.toString(), "--labels", labels.toString(), "--workers", "2");
    assertThat(one.get("threshold").asDouble()).isEqualTo(0.5);
    double print = one.get("apcer_by_type").get("print").asDouble();
    double replay = one.get("apcer_by_type").get("replay").asDouble();
    assertThat(one.get("apcer").asDouble()).isEqualTo(Math.max(print, replay));
    assertThat(one.get("bpcer").asDouble()).isBetween(0.0, 1.0);
    assertThat(one.get("auc").asDouble()).isBetween(0.0, 1.0);
    assertThat(one.get("ms_per_image").asDouble()).isPositive();
    for (String key : new String[] {"apcer", "bpcer", "auc", "eer", "apcer_by_type"}) {
      assertThat(two.get(key)).as(key).isEqualTo(one.get(key));
    }
    assertThat(two.get("workers").asInt()).isEqualTo(2);
  }
}
