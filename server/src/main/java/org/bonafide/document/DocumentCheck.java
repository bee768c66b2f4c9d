package org.bonafide.document;

import java.util.List;
import java.util.Map;

/**
 * What one document check found.
 *
 * @param id the check's id (stable, kebab-case, for example {@code mrz-check-digits})
 * @param passed whether the check passed
 * @param score 0-1, where 1 is the strongest support for a genuine, valid document
 * @param reason the {@link DocumentReason#code()} when it did not pass, else null
 * @param details measurements behind the score, for analysts (numbers, strings, lists, maps)
 * @param evidence images that show what the check saw (a heat map, a crop); may be empty
 */
public record DocumentCheck(
    String id, boolean passed, double score, String reason, Map<String, Object> details, List<Evidence> evidence) {
  public DocumentCheck {
    details = Map.copyOf(details);
    evidence = List.copyOf(evidence);
  }

  /** A passing check without evidence images. */
  public static DocumentCheck pass(String id, double score, Map<String, Object> details) {
    return new DocumentCheck(id, true, score, null, details, List.of());
  }

  /** A failing check without evidence images. */
  public static DocumentCheck fail(String id, double score, DocumentReason reason, Map<String, Object> details) {
    return new DocumentCheck(id, false, score, reason.code(), details, List.of());
  }

  /**
   * An image behind a check.
   *
   * @param name what it shows, for example {@code error-level-heat-map}
   * @param mediaType {@code image/png} or {@code image/jpeg}
   * @param bytes the encoded image
   */
  public record Evidence(String name, String mediaType, byte[] bytes) {
    public Evidence {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Evidence e
          && name.equals(e.name)
          && mediaType.equals(e.mediaType)
          && java.util.Arrays.equals(bytes, e.bytes);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * name.hashCode() + mediaType.hashCode()) + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Evidence[" + name + ", " + mediaType + ", " + bytes.length + " bytes]";
    }
  }
}
