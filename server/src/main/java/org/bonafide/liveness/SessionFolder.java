package org.bonafide.liveness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.ImageFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A capture stored as plain files, for evaluation and for exporting recorded captures: a folder
 * with {@code session.json} (format {@value #FORMAT}: the challenge, each frame's file name,
 * timestamp, prompt and screen colour, the telemetry, and an optional label) and the frames as
 * image files beside it. {@code docs/formats.md} defines the format.
 *
 * @param capture the challenge, the frames (with their encoded bytes) and the telemetry
 * @param label {@value #BONA_FIDE}, {@value #ATTACK}, or null when unlabelled
 * @param attackType the attack's type (PAI species, e.g. {@code replay-video}); only with label
 *     {@value #ATTACK}, may be null
 * @param source how the session was made (free text), or null
 * @param reference the encoded reference face photo to match against, or null
 */
public record SessionFolder(Capture capture, String label, String attackType, String source, byte[] reference) {
  /** The value of {@code format} in {@code session.json}. */
  public static final String FORMAT = "bonafide-session/1";

  /** The file that makes a folder a session folder. */
  public static final String SESSION_FILE = "session.json";

  public static final String BONA_FIDE = "bona_fide";
  public static final String ATTACK = "attack";

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
  /** A frame or reference file: a plain name in the folder, never a path out of it. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final Set<String> TOP_KEYS =
      Set.of("format", "label", "attack_type", "source", "challenge", "frames", "telemetry", "reference");
  private static final Set<String> FRAME_KEYS = Set.of("file", "index", "timestampMs", "prompt", "screen");

  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public SessionFolder {
    if (capture == null) {
      throw new IllegalArgumentException("a session folder holds a capture");
    }
    if (label != null && !label.equals(BONA_FIDE) && !label.equals(ATTACK)) {
      throw new IllegalArgumentException("a session's label is bona_fide or attack, was \"" + label + "\"");
    }
    if (attackType != null && !ATTACK.equals(label)) {
      throw new IllegalArgumentException("attack_type is only for sessions labelled attack");
    }
  }

  /** A session labelled {@value #BONA_FIDE}. */
  public static SessionFolder bonaFide(Capture capture, String source) {
    return new SessionFolder(capture, BONA_FIDE, null, source, null);
  }

  /** A session labelled {@value #ATTACK} of the given type. */
  public static SessionFolder attack(Capture capture, String attackType, String source) {
    return new SessionFolder(capture, ATTACK, attackType, source, null);
  }

  /** The same session with a reference face photo (encoded image bytes). */
  public SessionFolder withReference(byte[] photo) {
    return new SessionFolder(capture, label, attackType, source, photo);
  }

  /** True when the folder holds a {@value #SESSION_FILE}. */
  public static boolean isSessionFolder(Path dir) {
    return Files.isRegularFile(dir.resolve(SESSION_FILE));
  }

  /**
   * Every session folder at or under {@code root} (any folder holding {@value #SESSION_FILE}), in
   * path order. A session folder's own subfolders are searched too.
   */
  public static List<Path> findAll(Path root) {
    if (!Files.isDirectory(root)) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND, "The folder " + root + (Files.exists(root) ? " is not a folder." : " does not exist."));
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName() != null && p.getFileName().toString().equals(SESSION_FILE))
          .filter(Files::isRegularFile)
          .map(Path::getParent)
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot list " + root + ": " + e.getMessage());
    }
  }

  // ---- reading --------------------------------------------------------------------------------

  /**
   * Reads and validates a session folder. Every problem is a {@link BonafideException} whose message
   * names the file and the field: {@link ErrorCode#NOT_FOUND} for a missing folder, {@value
   * #SESSION_FILE} or image file, {@link ErrorCode#VALIDATION_FAILED} for anything else.
   */
  public static SessionFolder read(Path dir) {
    Path file = dir.resolve(SESSION_FILE);
    if (!Files.isRegularFile(file)) {
      throw new BonafideException(
          ErrorCode.NOT_FOUND,
          Files.isDirectory(dir)
              ? "The folder " + dir + " has no " + SESSION_FILE + "."
              : "The session folder " + dir + " does not exist.");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (IOException | UncheckedIOException e) {
      throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot read " + file + ": " + e.getMessage());
    } catch (JacksonException e) {
      throw new BonafideException(
          ErrorCode.VALIDATION_FAILED, file + " is not valid JSON: " + e.getOriginalMessage());
    }
    return new Reader(dir, file).session(root);
  }

  /** Reads one session.json, with the file's name in every message. */
  private static final class Reader {
    private final Path dir;
    private final Path file;

    Reader(Path dir, Path file) {
      this.dir = dir;
      this.file = file;
    }

    SessionFolder session(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw invalid("the top level must be a JSON object");
      }
      unknownKeys(root, TOP_KEYS, "the top level");
      String format = optionalString(root, "format", "format");
      if (!FORMAT.equals(format)) {
        throw invalid("format must be \"" + FORMAT + "\", was " + (format == null ? "absent" : "\"" + format + "\""));
      }
      String label = optionalString(root, "label", "label");
      if (label != null && !label.equals(BONA_FIDE) && !label.equals(ATTACK)) {
        throw invalid("label must be \"bona_fide\" or \"attack\", was \"" + label + "\"");
      }
      String attackType = optionalString(root, "attack_type", "attack_type");
      if (attackType != null && !ATTACK.equals(label)) {
        throw invalid("attack_type is only allowed with label \"attack\"");
      }
      if (attackType != null && attackType.isBlank()) {
        throw invalid("attack_type must not be blank");
      }
      String source = optionalString(root, "source", "source");
      Challenge challenge = challenge(required(root, "challenge", "challenge"));
      List<CapturedFrame> frames = frames(required(root, "frames", "frames"));
      Map<String, Object> telemetry = telemetry(root.get("telemetry"));
      String referenceName = optionalString(root, "reference", "reference");
      byte[] reference = referenceName == null ? null : readImage(referenceName, "reference");
      return new SessionFolder(new Capture(challenge, frames, telemetry), label, attackType, source, reference);
    }

    private Challenge challenge(JsonNode node) {
      if (!node.isObject()) {
        throw invalid("challenge must be an object with prompts and colours");
      }
      unknownKeys(node, Set.of("prompts", "colours"), "challenge");
      JsonNode prompts = required(node, "prompts", "challenge.prompts");
      if (!prompts.isArray() || prompts.isEmpty()) {
        throw invalid("challenge.prompts must be a non-empty array");
      }
      List<PromptStep> steps = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        String where = "challenge.prompts[" + i + "]";
        JsonNode step = object(prompts.get(i), where);
        unknownKeys(step, Set.of("prompt", "durationMs"), where);
        Prompt prompt = prompt(required(step, "prompt", where + ".prompt"), where + ".prompt");
        if (prompt == null) {
          throw invalid(where + ".prompt must not be null");
        }
        int ms = positiveInt(required(step, "durationMs", where + ".durationMs"), where + ".durationMs");
        steps.add(new PromptStep(prompt, ms));
      }
      JsonNode colours = node.get("colours");
      List<ColourFlash> flashes = new ArrayList<>();
      if (colours != null && !colours.isNull()) {
        if (!colours.isArray()) {
          throw invalid("challenge.colours must be an array");
        }
        for (int i = 0; i < colours.size(); i++) {
          String where = "challenge.colours[" + i + "]";
          JsonNode flash = object(colours.get(i), where);
          unknownKeys(flash, Set.of("colour", "durationMs"), where);
          String colour = colour(required(flash, "colour", where + ".colour"), where + ".colour");
          if (colour == null) {
            throw invalid(where + ".colour must not be null");
          }
          int ms = positiveInt(required(flash, "durationMs", where + ".durationMs"), where + ".durationMs");
          if (ms < ColourFlash.MIN_DURATION_MS) {
            throw invalid(
                where + ".durationMs must be at least " + ColourFlash.MIN_DURATION_MS
                    + " (3 flashes per second at most), was " + ms);
          }
          flashes.add(new ColourFlash(colour, ms));
        }
      }
      return new Challenge(steps, flashes);
    }

    private List<CapturedFrame> frames(JsonNode node) {
      if (!node.isArray()) {
        throw invalid("frames must be an array");
      }
      List<CapturedFrame> frames = new ArrayList<>(node.size());
      long previous = -1;
      for (int i = 0; i < node.size(); i++) {
        String where = "frames[" + i + "]";
        JsonNode frame = object(node.get(i), where);
        unknownKeys(frame, FRAME_KEYS, where);
        JsonNode index = required(frame, "index", where + ".index");
        if (!index.isIntegralNumber() || !index.canConvertToInt() || index.intValue() != i) {
          throw invalid(where + ".index must be " + i + " (frames are listed in index order from 0), was " + index);
        }
        JsonNode ts = required(frame, "timestampMs", where + ".timestampMs");
        if (!ts.isIntegralNumber() || !ts.canConvertToLong() || ts.longValue() < 0) {
          throw invalid(where + ".timestampMs must be a whole number of milliseconds >= 0, was " + ts);
        }
        long timestamp = ts.longValue();
        if (timestamp < previous) {
          throw invalid(
              where + ".timestampMs must not go back in time: " + timestamp + " after " + previous);
        }
        previous = timestamp;
        Prompt prompt = prompt(frame.get("prompt"), where + ".prompt");
        String screen = colour(frame.get("screen"), where + ".screen");
        String name = string(required(frame, "file", where + ".file"), where + ".file");
        frames.add(new CapturedFrame(i, timestamp, prompt, screen, readImage(name, where + ".file")));
      }
      return frames;
    }

    private Map<String, Object> telemetry(JsonNode node) {
      if (node == null || node.isNull()) {
        return Map.of();
      }
      if (!node.isObject()) {
        throw invalid("telemetry must be an object");
      }
      Map<String, Object> values =
          MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {});
      // Capture's telemetry cannot hold nulls; a null value says no more than an absent one.
      values.values().removeIf(v -> v == null);
      return values;
    }

    private byte[] readImage(String name, String where) {
      if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
        throw invalid(where + " must be a file name in the session folder (no folders), was \"" + name + "\"");
      }
      Path image = dir.resolve(name);
      if (!Files.isRegularFile(image)) {
        throw new BonafideException(
            ErrorCode.NOT_FOUND, file + ": " + where + " names " + name + ", which is not a file in " + dir + ".");
      }
      try {
        return Files.readAllBytes(image);
      } catch (IOException e) {
        throw new BonafideException(ErrorCode.VALIDATION_FAILED, "Cannot read " + image + ": " + e.getMessage());
      }
    }

    private Prompt prompt(JsonNode node, String where) {
      if (node == null || node.isNull()) {
        return null;
      }
      String code = string(node, where);
      try {
        return Prompt.fromCode(code);
      } catch (IllegalArgumentException e) {
        throw invalid(where + " is an unknown prompt \"" + code + "\"; the prompts are " + promptCodes());
      }
    }

    private String colour(JsonNode node, String where) {
      if (node == null || node.isNull()) {
        return null;
      }
      String colour = string(node, where);
      if (!COLOUR.matcher(colour).matches()) {
        throw invalid(where + " must be a colour written #rrggbb in lower case, was \"" + colour + "\"");
      }
      return colour;
    }

    private int positiveInt(JsonNode node, String where) {
      if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
        throw invalid(where + " must be a positive whole number, was " + node);
      }
      return node.intValue();
    }

    private String optionalString(JsonNode parent, String key, String where) {
      JsonNode node = parent.get(key);
      return node == null || node.isNull() ? null : string(node, where);
    }

    private String string(JsonNode node, String where) {
      if (!node.isString()) {
        throw invalid(where + " must be a string, was " + node);
      }
      return node.stringValue();
    }

    private JsonNode object(JsonNode node, String where) {
      if (node == null || !node.isObject()) {
        throw invalid(where + " must be an object");
      }
      return node;
    }

    private JsonNode required(JsonNode parent, String key, String where) {
      JsonNode node = parent.get(key);
      if (node == null || node.isNull()) {
        throw invalid(where + " is required");
      }
      return node;
    }

    private void unknownKeys(JsonNode node, Set<String> known, String where) {
      for (String key : node.propertyNames()) {
        if (!known.contains(key)) {
          throw invalid(
              where + " has an unknown key \"" + key + "\"; the keys are " + String.join(", ", known.stream().sorted().toList()));
        }
      }
    }

    private BonafideException invalid(String message) {
      return new BonafideException(ErrorCode.VALIDATION_FAILED, file + ": " + message + ".");
    }
  }

  private static String promptCodes() {
    return String.join(", ", Stream.of(Prompt.values()).map(Prompt::code).toList());
  }

  // ---- writing --------------------------------------------------------------------------------

  /**
   * Writes the session into {@code dir} (created if needed): {@value #SESSION_FILE}, the frames as
   * {@code frame-00000.jpg} (the extension follows the image's format) and the reference, if any.
   * Existing files of those names are replaced.
   */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> entry : files().entrySet()) {
        Files.write(dir.resolve(entry.getKey()), entry.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the session folder " + dir, e);
    }
  }

  /**
   * Writes the same files as {@link #write(Path)} as a ZIP archive to {@code out}, inside a folder
   * named {@code folder} (or at the archive's root when it is empty). The stream is finished, not
   * closed.
   */
  public void writeZip(OutputStream out, String folder) throws IOException {
    String prefix = folder == null || folder.isEmpty() ? "" : folder + "/";
    if (!prefix.isEmpty() && !FILE_NAME.matcher(folder).matches()) {
      throw new IllegalArgumentException("a ZIP folder name is a plain name, was \"" + folder + "\"");
    }
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, byte[]> entry : files().entrySet()) {
      zip.putNextEntry(new ZipEntry(prefix + entry.getKey()));
      zip.write(entry.getValue());
      zip.closeEntry();
    }
    zip.finish();
  }

  /** Every file of the folder by name, session.json first. */
  private Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    if (label != null) {
      root.put("label", label);
    }
    if (attackType != null) {
      root.put("attack_type", attackType);
    }
    if (source != null) {
      root.put("source", source);
    }
    ObjectNode challenge = root.putObject("challenge");
    ArrayNode prompts = challenge.putArray("prompts");
    for (PromptStep step : capture.challenge().prompts()) {
      prompts.addObject().put("prompt", step.prompt().code()).put("durationMs", step.durationMs());
    }
    ArrayNode colours = challenge.putArray("colours");
    for (ColourFlash flash : capture.challenge().colours()) {
      colours.addObject().put("colour", flash.colour()).put("durationMs", flash.durationMs());
    }
    ArrayNode frames = root.putArray("frames");
    Map<String, byte[]> images = new LinkedHashMap<>();
    List<CapturedFrame> captured = capture.frames();
    for (int i = 0; i < captured.size(); i++) {
      CapturedFrame frame = captured.get(i);
      if (frame.index() != i) {
        throw new IllegalArgumentException(
            "frames are written in index order from 0; frame " + i + " has index " + frame.index());
      }
      String name = String.format(Locale.ROOT, "frame-%05d.%s", i, extension(frame.image()));
      images.put(name, frame.image());
      ObjectNode f = frames.addObject();
      f.put("file", name);
      f.put("index", i);
      f.put("timestampMs", frame.timestampMs());
      if (frame.prompt() == null) {
        f.putNull("prompt");
      } else {
        f.put("prompt", frame.prompt().code());
      }
      if (frame.screen() == null) {
        f.putNull("screen");
      } else {
        f.put("screen", frame.screen());
      }
    }
    root.set("telemetry", MAPPER.valueToTree(capture.telemetry()));
    String referenceName = null;
    if (reference != null) {
      referenceName = "reference." + extension(reference);
      root.put("reference", referenceName);
    }
    files.put(SESSION_FILE, MAPPER.writeValueAsBytes(root));
    files.putAll(images);
    if (referenceName != null) {
      files.put(referenceName, reference);
    }
    return files;
  }

  /** The file extension for encoded image bytes: jpg, png or webp by magic number, else img. */
  static String extension(byte[] image) {
    String format = ImageFormat.sniff(image);
    return format == null ? "img" : ImageFormat.JPEG.equals(format) ? "jpg" : format;
  }
}
