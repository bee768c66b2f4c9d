package org.bonafide.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.bonafide.biometrics.FaceEngine;
import org.bonafide.cli.attack.AttackKit;
import org.bonafide.cli.attack.BonaFideSimulation;
import org.bonafide.cli.attack.DeepfakeVideos;
import org.bonafide.cli.attack.FaceSwap;
import org.bonafide.cli.attack.MeshAttacks;
import org.bonafide.cli.attack.ReplayAttack;
import org.bonafide.cli.attack.SyndicateSimulation;
import org.bonafide.cli.eval.AttacksEval;
import org.bonafide.cli.eval.DeepfakeEval;
import org.bonafide.cli.eval.FaceIndexBench;
import org.bonafide.cli.eval.FacePairsEval;
import org.bonafide.cli.eval.LandmarksEval;
import org.bonafide.cli.eval.MrzImagesEval;
import org.bonafide.cli.eval.MrzTextEval;
import org.bonafide.cli.eval.PadEval;
import org.bonafide.cli.eval.RingsEval;
import org.bonafide.cli.eval.SessionsEval;
import org.bonafide.cli.eval.UrlsEval;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Command-line entry points of the jar: {@code compare}, {@code eval <kind>}, {@code attack
 * <kind>} (the attack kit) and {@code simulate bona-fide-session|deepfake-videos}, which run without the web server or the
 * database, and {@code tenant create}, which opens the database.
 *
 * <p>Contract: progress and diagnostics go to standard error; the last line of standard output is
 * exactly one JSON object, the result or {@code {"error": code, "detail": message}}. Exit status 0
 * is success, 2 means the input is at fault (arguments, files, CSV content, an image without a
 * face), 1 means Bonafide itself failed (models missing, a model that does not run).
 */
public final class Cli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  private static final String USAGE =
      """
      usage: java -jar bonafide.jar <command> [options]

        compare A.jpg B.jpg [--threshold T] [--threads N]
            1:1 comparison of the most prominent face in each image.
        eval face-pairs --images DIR (--pairs FILE.csv | --identities FILE.csv)
                        [--threshold T] [--threads N] [--workers N] [--progress-every N]
            FMR, FNMR, EER, AUC and TAR at FAR of face comparison over a labelled set.
        eval pad --images DIR --labels FILE.csv
                 [--threshold T] [--threads N] [--workers N] [--progress-every N]
            APCER, BPCER and AUC of the passive presentation-attack score.
        eval sessions --dir DIR [--out FILE.jsonl]
            APCER, APNRR, BPCER and BPNRR of the liveness analysis over every session folder
            (a folder with session.json) under DIR; one line per session on stderr (and in --out).
        eval attacks --bona-fide DIR --out REPORT_DIR [--kit all|KIND,...] [--photo FILE]
                     [--video FILE] [--count N] [--seed S] [--fps F]
            Builds the attack kit's attacks from the bona fide sessions, analyses all of them and
            writes REPORT_DIR/report.md (APCER per type, BPCER, APNRR, BPNRR, detectors that
            fired), det.png (DET curves), sessions.jsonl and the attack folders under sessions/.
        eval mrz --images DIR --labels FILE.jsonl [--progress-every N]
            Share of document photos whose MRZ is found and read, accuracy per field, time per image.
        eval deepfake --videos DIR --labels FILE.csv [--fps F] [--max-seconds S]
            AUC of the passive face-swap signals (no challenge) over labelled videos
            (CSV video,label[,manipulation], label real or fake).
        eval landmarks --images DIR --templates DIR [--limit N] [--progress-every N]
            Normalised mean error of the face mesh's eye corners, nose and mouth corners against
            hand-placed 189-point templates (NAME.tem beside NAME.jpg), and of the 68-point model.
        eval mrz-text --labels FILE.jsonl [--today YYYY-MM-DD]
            Agreement of MRZ parsing and validation with labelled zones (validity, format, fields).
        mrz check "TEXT" [--today YYYY-MM-DD] [--correct true|false]
            Parses and validates one MRZ (lines separated by line breaks or \\n): fields, checks,
            reasons. Exit 0 also for a zone that fails its checks; 2 for text that is no MRZ.
        attack replay-video --video FILE --out DIR [--count N] [--seed S] [--fps F]
            Attack session folders: the video replayed onto freshly drawn challenges, as a phone
            whose camera is fed a video would submit it.
        attack photo (--photo FILE | --bona-fide DIR) --out DIR [--count N] [--seed S] [--fps F]
            A still photo (or a bona fide session's sharpest frame) held up: hand-held jitter only.
        attack animated-photo (--photo FILE | --bona-fide DIR) --out DIR [--count N] [--seed S] [--fps F]
            The photo animated in 2D: nods, turns and blinks in the challenge's order, no parallax.
        attack replay-session --bona-fide DIR --out DIR [--count N] [--seed S]
            A recorded session's frames and timestamps re-submitted on a freshly drawn challenge.
        attack virtual-camera (--video FILE | --bona-fide DIR) --out DIR [--count N] [--seed S] [--fps F]
            Frames from a virtual camera: regular clock, repeated frames, no sensor noise, desktop.
        attack id-photo-as-selfie --photo FILE --out DIR [--count N] [--seed S] [--fps F]
            The ID document's portrait as the selfie (with jitter) and as the session's reference.
        attack face-swap --bona-fide DIR --identity PHOTO_OR_DIR --out DIR [--count N] [--seed S]
            Identity A's face swapped into every frame of B's bona fide sessions (landmark warp).
        attack face-swap-3d|blend-swap|reenactment --bona-fide DIR --identity PHOTO_OR_DIR --out DIR
                                                   [--count N] [--seed S]
            face-swap-3d: A's face texture on B's face mesh in every frame (back faces culled,
            colour-matched, feathered mask of a drawn size; painted on over a hand or a profile
            where the mesh follows the face). blend-swap: the closest of A's faces blended into
            B's landmark hull by one similarity transform. reenactment: A's photo animated by B's
            face-mesh track (piecewise-affine, no parallax).
        simulate bona-fide-session --video FILE --out DIR [--count N] [--seed S] [--fps F]
                                   [--trajectory FILE.jsonl]
            Bona fide session folders from real footage: the person's real movements and blinks
            with an oracle challenge; only the screen's light on the face is simulated.
        simulate deepfake-videos --video FILE --photos DIR --out DIR [--count N] [--seed S]
            Labelled videos for eval deepfake: N segments of the video framed around its subject
            (real), each also with a photo's face swapped in (fake: face-swap and
            face-swap-no-colour-transfer, the attack kit's landmark swap), and DIR/labels.csv.
        simulate syndicate --population N --rings K --out DIR [--seed S] [--institutions I]
            A labelled population of applications at I institutions (20): households, offices and
            carriers sharing addresses and IPs, and K fraud rings reusing stolen identities, faces,
            devices, phones and accounts. Faces are synthetic embeddings. DIR/applications.jsonl.
        eval rings --dir DIR [--data-dir D] [--stop-after-minutes M] [--resume true]
            Loads the population into a fresh graph (an embedded database in D, default
            DIR/graph-db) through the service's path, finds the rings, scores them and the signals.
            --stop-after-minutes pauses the load cleanly; --resume true goes on from D's ledger.
        train messages --file FILE.csv --out MODEL.tsv [--epochs 15] [--min-count 2] [--l2 1e-4] [--seed 1]
            Trains the message model (logistic regression in Java) on label,text rows (legit or
            scam), leaving out the held-out fifth, and writes it with the figures on that fifth.
        train blend-detector --faces DIR --out FILE.onnx [--video FILE] [--work DIR] [--epochs 12]
                             [--seed 1] [--holdout-fraction 0.2] [--per-face 40] [--held-out-per-face 12]
                             [--video-frames 60] [--identities prefix|file] [--python python3]
            Makes real crops and self- and cross-blended pseudo-fakes of the faces (the file name's
            prefix before _ is the person; the held-out people are never trained on) into the work
            folder, trains the blend detector with PyTorch (needs python3 with torch, torchvision,
            onnx), exports ONNX and scores the held-out people's crops with it: AUC per kind.
        eval blend --faces DIR [--holdout-only true] [--holdout-fraction 0.2] [--split-seed 1]
                   [--per-face 12] [--seed 2] [--limit N] [--model FILE.onnx] [--identities prefix|file]
            AUC of the blend detector (the shipped one or --model) on real crops against self- and
            cross-blended pseudo-fakes made from the faces, per kind, and milliseconds per face.
        eval blend --videos DIR --labels FILE.csv [--fps 4] [--max-seconds 20] [--model FILE.onnx]
            The blend detector on labelled videos (as for eval deepfake): a video's score is the
            mean over its sampled frames' faces; AUC per manipulation and over single frames.
        eval messages --file FILE.csv [--split all|holdout] [--model MODEL.tsv]
            Scores every row (or the held-out fifth) with the shipped model: precision, recall,
            f1, auc at the model's threshold.
        eval urls --file FILE.csv [--threshold 0.5]
            Scores every label,url row with the lookalike rules (protected brands, confusables,
            typosquats, suspicious TLDs): precision, recall, f1, auc.
        bench face-index [--faces N] [--engine flat|hnsw] [--queries Q] [--recall-queries R]
                         [--dir DIR] [--seed S] [--candidates C] [--sweep C1,C2] [--ram-buffer-mb M] [--threads T]
                         [--max-conn M] [--beam-width B] [--quantized true|false]
                         [--search-threads S] [--merge N] [--threshold T]
            Builds the 1:N face index of N synthetic embeddings on disk and measures build rate,
            size, heap, search latency at k=10, recall@10 against exact search, the same for
            the graph's search at or above the match threshold (default 0.51), and reopen time.
        intel import --file F.csv|F.jsonl --source police|feed|public --reporter NAME [--trust T] [--shared true]
            Imports a feed of reports (kind,value[,category,reference,reportedAt,trust]); rows
            that are not reports are counted and the first 100 listed. Same database as tenant.
        intel export --out FILE.jsonl
            Every shared indicator with its risk as all institutions see it, for partners.
        intel resolve-dispute --id UUID --clear true|false --actor NAME [--note TEXT]
            Clears a dispute (the reports before it are set aside) or rejects it; audited.
        tenant create --name NAME
            Creates a tenant (an institution) and its first API key in the configured database
            (BONAFIDE_DB_URL, or the embedded one in BONAFIDE_DATA_DIR: stop the service first).
        help
            This text.

      Inputs and every output key are described in docs/formats.md. Progress goes to standard
      error; the last line of standard output is one JSON object. Exit 0 success, 2 bad input,
      1 internal failure.
      """;

  private Cli() {}

  /** True when the first argument names a command rather than a Spring option. */
  public static boolean handles(String[] args) {
    return args.length > 0 && !args[0].startsWith("-");
  }

  /**
   * Runs the command; returns the process exit status.
   *
   * @param application the service's Spring application class, for commands that open its database
   */
  public static int run(String[] args, Class<?> application) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    return run(
        args, new CommandContext(System.out, System.err, FaceEngine::new, System::nanoTime, application));
  }

  static int run(String[] args, CommandContext ctx) {
    ObjectNode result;
    int status = OK;
    try {
      result = dispatch(Arrays.asList(args), ctx);
    } catch (BonafideException e) {
      status = e.errorCode().status() < 500 ? BAD_INPUT : FAILED;
      ObjectNode failure = error(e.errorCode().code(), e.getMessage());
      e.properties().forEach(failure::putPOJO);
      result = failure;
    } catch (IllegalArgumentException e) {
      status = BAD_INPUT;
      result = error(ErrorCode.VALIDATION_FAILED.code(), e.getMessage());
    } catch (RuntimeException e) {
      status = FAILED;
      e.printStackTrace(ctx.err());
      result = error(ErrorCode.INTERNAL.code(), String.valueOf(e.getMessage()));
    }
    ctx.out().println(Json.line(result));
    ctx.out().flush();
    return status;
  }

  private static ObjectNode dispatch(List<String> args, CommandContext ctx) {
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (command) {
      case "compare":
        return CompareCommand.run(Args.parse("compare", rest, CompareCommand.OPTIONS), ctx);
      case "eval":
        if (rest.isEmpty()) {
          throw usage(ctx.err(), "eval needs a kind: face-pairs, pad, sessions, attacks, deepfake, landmarks, mrz, mrz-text, rings, messages, urls or blend.");
        }
        String kind = rest.get(0);
        List<String> evalArgs = rest.subList(1, rest.size());
        switch (kind) {
          case "face-pairs":
            return FacePairsEval.run(Args.parse("eval face-pairs", evalArgs, FacePairsEval.OPTIONS), ctx);
          case "pad":
            return PadEval.run(Args.parse("eval pad", evalArgs, PadEval.OPTIONS), ctx);
          case "sessions":
            return SessionsEval.run(Args.parse("eval sessions", evalArgs, SessionsEval.OPTIONS), ctx);
          case "attacks":
            return AttacksEval.run(Args.parse("eval attacks", evalArgs, AttacksEval.OPTIONS), ctx);
          case "deepfake":
            return DeepfakeEval.run(Args.parse("eval deepfake", evalArgs, DeepfakeEval.OPTIONS), ctx);
          case "mrz-text":
            return MrzTextEval.run(Args.parse("eval mrz-text", evalArgs, MrzTextEval.OPTIONS), ctx);
          case "mrz":
            return MrzImagesEval.run(Args.parse("eval mrz", evalArgs, MrzImagesEval.OPTIONS), ctx);
          case "rings":
            return RingsEval.run(Args.parse("eval rings", evalArgs, RingsEval.OPTIONS), ctx);
          case "messages":
            return MessagesCommands.eval(Args.parse("eval messages", evalArgs, MessagesCommands.EVAL_OPTIONS), ctx);
          case "landmarks":
            return LandmarksEval.run(Args.parse("eval landmarks", evalArgs, LandmarksEval.OPTIONS), ctx);
          case "urls":
            return UrlsEval.run(Args.parse("eval urls", evalArgs, UrlsEval.OPTIONS), ctx);
          case "blend":
            return BlendCommands.eval(Args.parse("eval blend", evalArgs, BlendCommands.EVAL_OPTIONS), ctx);
          default:
            throw usage(
                ctx.err(),
                "unknown eval kind '" + kind + "'; the kinds are face-pairs, pad, sessions, attacks, deepfake, landmarks, mrz, mrz-text, rings, messages, urls and blend.");
        }
      case "attack":
        String attack = rest.isEmpty() ? "" : rest.get(0);
        if (attack.equals(ReplayAttack.ATTACK_TYPE)) {
          return ReplayAttack.run(Args.parse("attack replay-video", rest.subList(1, rest.size()), ReplayAttack.OPTIONS), ctx);
        }
        if (attack.equals(FaceSwap.KIND)) {
          return FaceSwap.run(Args.parse("attack face-swap", rest.subList(1, rest.size()), FaceSwap.OPTIONS), ctx);
        }
        if (MeshAttacks.KINDS.contains(attack)) {
          return MeshAttacks.run(attack, Args.parse("attack " + attack, rest.subList(1, rest.size()), MeshAttacks.OPTIONS), ctx);
        }
        if (AttackKit.KINDS.contains(attack)) {
          return AttackKit.run(
              attack, Args.parse("attack " + attack, rest.subList(1, rest.size()), AttackKit.options(attack)), ctx);
        }
        throw usage(
            ctx.err(),
            (attack.isEmpty() ? "attack needs a kind" : "unknown attack kind '" + attack + "'")
                + ": replay-video, " + String.join(", ", AttackKit.KINDS) + ", face-swap, " + String.join(", ", MeshAttacks.KINDS) + ".");
      case "simulate":
        String simulated = rest.isEmpty() ? "" : rest.get(0);
        if (simulated.equals("bona-fide-session")) {
          return BonaFideSimulation.run(
              Args.parse("simulate bona-fide-session", rest.subList(1, rest.size()), BonaFideSimulation.OPTIONS), ctx);
        }
        if (simulated.equals(DeepfakeVideos.KIND)) {
          return DeepfakeVideos.run(
              Args.parse("simulate " + DeepfakeVideos.KIND, rest.subList(1, rest.size()), DeepfakeVideos.OPTIONS), ctx);
        }
        if (simulated.equals("syndicate")) {
          return SyndicateSimulation.run(
              Args.parse("simulate syndicate", rest.subList(1, rest.size()), SyndicateSimulation.OPTIONS), ctx);
        }
        throw usage(ctx.err(), "simulate needs a kind: bona-fide-session, " + DeepfakeVideos.KIND + " or syndicate.");
      case "bench":
        if (rest.isEmpty() || !rest.get(0).equals("face-index")) {
          throw usage(ctx.err(), "bench needs a kind: face-index.");
        }
        return FaceIndexBench.run(Args.parse("bench face-index", rest.subList(1, rest.size()), FaceIndexBench.OPTIONS), ctx);
      case "train":
        if (!rest.isEmpty() && rest.get(0).equals("blend-detector")) {
          return BlendCommands.train(Args.parse("train blend-detector", rest.subList(1, rest.size()), BlendCommands.TRAIN_OPTIONS), ctx);
        }
        if (rest.isEmpty() || !rest.get(0).equals("messages")) {
          throw usage(ctx.err(), "train needs a kind: messages or blend-detector.");
        }
        return MessagesCommands.train(Args.parse("train messages", rest.subList(1, rest.size()), MessagesCommands.TRAIN_OPTIONS), ctx);
      case "tenant":
        return TenantCommand.run(rest, ctx);
      case "intel":
        return IntelCommand.run(rest, ctx);
      case "mrz":
        return MrzCommand.run(rest, ctx);
      case "help":
        ctx.err().print(USAGE);
        ObjectNode help = Json.object();
        help.putArray("commands")
            .add("compare")
            .add("eval face-pairs")
            .add("eval pad")
            .add("eval sessions")
            .add("eval attacks")
            .add("eval deepfake")
            .add("eval landmarks")
            .add("eval mrz-text")
            .add("eval mrz")
            .add("eval messages")
            .add("eval urls")
            .add("intel import")
            .add("intel export")
            .add("intel resolve-dispute")
            .add("train messages")
            .add("train blend-detector")
            .add("eval blend")
            .add("mrz check")
            .add("attack replay-video")
            .add("attack photo")
            .add("attack animated-photo")
            .add("attack replay-session")
            .add("attack virtual-camera")
            .add("attack id-photo-as-selfie")
            .add("attack face-swap")
            .add("simulate bona-fide-session")
            .add("simulate deepfake-videos")
            .add("simulate syndicate")
            .add("eval rings")
            .add("tenant create")
            .add("bench face-index")
            .add("help");
        help.put("docs", "docs/formats.md");
        return help;
      default:
        throw usage(ctx.err(), "unknown command '" + command + "'; the commands are compare, eval, attack, simulate, mrz, tenant, bench and help.");
    }
  }

  private static BonafideException usage(PrintStream err, String message) {
    err.print(USAGE);
    return Args.usage(message);
  }

  static ObjectNode error(String code, String detail) {
    ObjectNode node = Json.object();
    node.put("error", code);
    node.put("detail", detail);
    return node;
  }
}
