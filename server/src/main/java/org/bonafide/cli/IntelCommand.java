package org.bonafide.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bonafide.scamintel.FeedRows;
import org.bonafide.scamintel.ReportSource;
import org.bonafide.scamintel.ScamIntelligence;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operator's scam-intelligence commands, on the configured database (stop the service first
 * when it is the embedded one):
 *
 * <ul>
 *   <li>{@code intel import --file F --source police|feed|public --reporter NAME [--trust T]
 *       [--shared true]}: a feed of reports (CSV or JSON Lines, by the file's extension);
 *   <li>{@code intel export --out FILE.jsonl}: every shared indicator with its risk, for partners;
 *   <li>{@code intel resolve-dispute --id UUID --clear true|false --actor NAME [--note TEXT]}.
 * </ul>
 */
final class IntelCommand {
  static final Set<String> IMPORT_OPTIONS = Set.of("file", "source", "reporter", "trust", "shared", "data-dir");
  static final Set<String> EXPORT_OPTIONS = Set.of("out", "data-dir");
  static final Set<String> RESOLVE_OPTIONS = Set.of("id", "clear", "actor", "note", "data-dir");

  private IntelCommand() {}

  static ObjectNode run(List<String> rest, CommandContext ctx) {
    String action = rest.isEmpty() ? "" : rest.get(0);
    List<String> argv = rest.subList(Math.min(1, rest.size()), rest.size());
    return switch (action) {
      case "import" -> importFeed(Args.parse("intel import", argv, IMPORT_OPTIONS), ctx);
      case "export" -> export(Args.parse("intel export", argv, EXPORT_OPTIONS), ctx);
      case "resolve-dispute" -> resolve(Args.parse("intel resolve-dispute", argv, RESOLVE_OPTIONS), ctx);
      default -> throw Args.usage("intel needs an action: import, export or resolve-dispute.");
    };
  }

  private static ConfigurableApplicationContext open(Args args, CommandContext ctx) {
    ctx.err().println("[bonafide] opening the database");
    return args.has("data-dir")
        ? TenantCommand.openContext(ctx.application(), "--bonafide.data-dir=" + args.requiredPath("data-dir", "DIR").toAbsolutePath())
        : TenantCommand.openContext(ctx.application());
  }

  private static ObjectNode importFeed(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path file = args.requiredPath("file", "FILE.csv or FILE.jsonl");
    String sourceCode = args.required("source", "police, feed or public");
    ReportSource source =
        ReportSource.fromCode(sourceCode)
            .filter(s -> s != ReportSource.INSTITUTION)
            .orElseThrow(() -> Args.usage("intel import: --source is police, feed or public (institutions import over the API)."));
    String reporter = args.required("reporter", "NAME (the feed's name: reports of one reporter count once)");
    double trust = args.doubleOption("trust", 1.0, 1e-6, 1.0);
    boolean shared = args.booleanOption("shared", true);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    FeedRows.Format format =
        name.endsWith(".csv") ? FeedRows.Format.CSV
            : name.endsWith(".jsonl") || name.endsWith(".ndjson") ? FeedRows.Format.JSON_LINES
            : null;
    if (format == null) {
      throw Args.usage("intel import: the file is .csv or .jsonl (JSON Lines).");
    }
    if (!Files.isReadable(file)) {
      throw Args.usage("intel import: cannot read " + file + ".");
    }
    try (ConfigurableApplicationContext context = open(args, ctx);
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      ScamIntelligence intelligence = context.getBean(ScamIntelligence.class);
      long start = ctx.nanoClock().getAsLong();
      long[] next = {100_000};
      ScamIntelligence.ImportSummary summary;
      try {
        summary =
            intelligence.importFeed(
                reader, format, source, reporter, null, shared, trust,
                rows -> {
                  if (rows >= next[0]) {
                    double s = (ctx.nanoClock().getAsLong() - start) / 1e9;
                    ctx.err().printf(Locale.ROOT, "[bonafide] intel import: %d rows, %.0f rows/s%n", rows, rows / s);
                    next[0] += 100_000;
                  }
                });
      } catch (IllegalArgumentException e) {
        throw Args.usage("intel import: " + file + ": " + e.getMessage() + ".");
      }
      double seconds = (ctx.nanoClock().getAsLong() - start) / 1e9;
      ObjectNode out = Json.MAPPER.valueToTree(summary);
      out.put("source", source.code());
      out.put("reporter", reporter);
      out.put("seconds", Math.round(seconds * 100) / 100.0);
      out.put("rows_per_second", Math.round(summary.rows() / Math.max(seconds, 1e-9)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode export(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    Path out = args.requiredPath("out", "FILE.jsonl");
    try (ConfigurableApplicationContext context = open(args, ctx);
        Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      ScamIntelligence intelligence = context.getBean(ScamIntelligence.class);
      UUID after = null;
      long written = 0;
      while (true) {
        List<Map<String, Object>> page = intelligence.export(after, 5_000);
        for (Map<String, Object> row : page) {
          writer.write(Json.MAPPER.writeValueAsString(row));
          writer.write('\n');
        }
        written += page.size();
        if (page.size() < 5_000) {
          break;
        }
        after = (UUID) page.get(page.size() - 1).get("id");
        ctx.err().printf(Locale.ROOT, "[bonafide] intel export: %d indicators%n", written);
      }
      ObjectNode result = Json.object();
      result.put("indicators", written);
      result.put("out", out.toString());
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode resolve(Args args, CommandContext ctx) {
    args.expectPositionals(0, "no positional arguments");
    UUID id;
    try {
      id = UUID.fromString(args.required("id", "UUID (the dispute's id)"));
    } catch (IllegalArgumentException e) {
      throw Args.usage("intel resolve-dispute: --id is the dispute's UUID.");
    }
    if (!args.has("clear")) {
      throw Args.usage("intel resolve-dispute needs --clear true (the reports are set aside) or false (rejected).");
    }
    boolean clear = args.booleanOption("clear", false);
    String actor = args.required("actor", "NAME (who decided: written to the audit trail)");
    String note = args.has("note") ? args.required("note", "TEXT") : null;
    try (ConfigurableApplicationContext context = open(args, ctx)) {
      return Json.MAPPER.valueToTree(context.getBean(ScamIntelligence.class).resolve(id, clear, "operator:" + actor, note));
    }
  }
}
