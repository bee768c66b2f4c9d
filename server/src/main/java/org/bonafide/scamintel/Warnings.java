package org.bonafide.scamintel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warning texts shown to customers, from {@code scamintel/warnings.json}: every string in one
 * place, in English ({@code en}) and Traditional Chinese ({@code zh-Hant}).
 */
final class Warnings {
  static final List<String> LANGUAGES = List.of("en", "zh-Hant");
  private static final String RESOURCE = "/scamintel/warnings.json";

  private final JsonNode texts;

  private Warnings(JsonNode texts) {
    this.texts = texts;
  }

  /** Loads the texts and checks that every level and kind has both languages. */
  static Warnings load() {
    try (InputStream in = Warnings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      Warnings w = new Warnings(JsonMapper.builder().build().readTree(in));
      for (RiskLevel level : RiskLevel.values()) {
        for (IndicatorKind kind : IndicatorKind.values()) {
          w.text(level, kind);
        }
        if (level != RiskLevel.NO_RECORD) {
          w.message(level);
        }
      }
      for (IndicatorKind kind : IndicatorKind.values()) {
        w.linked(kind);
      }
      for (PaymentRules.Outcome outcome : PaymentRules.Outcome.values()) {
        w.payment(outcome, 30);
      }
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The warning for a message judged at this level ({@code high}, {@code medium} or {@code low}), by language. */
  Map<String, String> message(RiskLevel level) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String language : LANGUAGES) {
      String text = texts.path("messages").path(level.code()).path(language).asString("");
      if (text.isEmpty()) {
        throw new IllegalStateException(RESOURCE + " has no " + language + " message text for " + level.code());
      }
      out.put(language, text);
    }
    return out;
  }

  /** The customer's text for a payment outcome, by language; empty for allow. */
  Map<String, String> payment(PaymentRules.Outcome outcome, int coolingOffMinutes) {
    Map<String, String> out = new LinkedHashMap<>();
    if (outcome == PaymentRules.Outcome.ALLOW) {
      return out;
    }
    for (String language : LANGUAGES) {
      String text = texts.path("payments").path(outcome.code()).path(language).asString("");
      if (text.isEmpty()) {
        throw new IllegalStateException(RESOURCE + " has no " + language + " payment text for " + outcome.code());
      }
      out.put(language, text.replace("{minutes}", Integer.toString(coolingOffMinutes)));
    }
    return out;
  }

  /** The warning for an indicator of this kind at this level, by language. */
  Map<String, String> text(RiskLevel level, IndicatorKind kind) {
    return fill(texts.path("levels").path(level.code()), level.code(), kind);
  }

  /**
   * The warning for an indicator nobody reported that is suspicious for what the identity graph
   * links it to (an application of a ring, or one found fraudulent), by language.
   */
  Map<String, String> linked(IndicatorKind kind) {
    return fill(texts.path("linked"), "linked", kind);
  }

  private Map<String, String> fill(JsonNode templates, String name, IndicatorKind kind) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String language : LANGUAGES) {
      String template = templates.path(language).asString("");
      String thing = texts.path("things").path(kind.code()).path(language).asString("");
      if (template.isEmpty() || thing.isEmpty()) {
        throw new IllegalStateException(RESOURCE + " has no " + language + " text for " + name + " " + kind.code());
      }
      out.put(language, template.replace("{thing}", thing));
    }
    return out;
  }
}
