package org.bonafide.scamintel;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;

/**
 * A compiled set of payment rules: each a CEL expression over the facts of a transfer, with the
 * outcome it calls for. Compiling checks every expression against the declared facts and their
 * types, so a rule that names an unknown fact or is not a boolean is refused before it is stored.
 */
public final class PaymentRules {
  /** The rungs of the ladder, lowest first. */
  public enum Outcome {
    ALLOW("allow"),
    WARN("warn"),
    CONFIRM("confirm"),
    HOLD("hold"),
    BLOCK("block");

    private final String code;

    Outcome(String code) {
      this.code = code;
    }

    @JsonValue
    public String code() {
      return code;
    }

    static Outcome fromCode(String code) {
      for (Outcome o : values()) {
        if (o.code.equals(code)) {
          return o;
        }
      }
      return null;
    }
  }

  /** The facts a rule may use, with their CEL types. docs/payments.md describes each. */
  static final Map<String, CelType> FACTS = facts();

  static final int MAX_RULES = 100;
  private static final int MAX_EXPRESSION = 1000;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** One rule as written. */
  public record Rule(String id, String when, String outcome, String reason) {}

  private record Compiled(Rule rule, Outcome outcome, CelRuntime.Program program) {}

  private static final CelCompiler COMPILER = compiler();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final int version;
  private final int coolingOffMinutes;
  private final List<Compiled> rules;

  private PaymentRules(int version, int coolingOffMinutes, List<Compiled> rules) {
    this.version = version;
    this.coolingOffMinutes = coolingOffMinutes;
    this.rules = rules;
  }

  private static Map<String, CelType> facts() {
    Map<String, CelType> f = new LinkedHashMap<>();
    f.put("amount", SimpleType.DOUBLE);
    f.put("currency", SimpleType.STRING);
    f.put("channel", SimpleType.STRING);
    f.put("payee_risk", SimpleType.STRING);
    f.put("payee_reported", SimpleType.BOOL);
    f.put("new_payee", SimpleType.BOOL);
    f.put("transfers_24h", SimpleType.INT);
    f.put("new_payees_24h", SimpleType.INT);
    f.put("amount_24h", SimpleType.DOUBLE);
    f.put("rising_amounts", SimpleType.BOOL);
    f.put("balance_share", SimpleType.DOUBLE);
    f.put("night", SimpleType.BOOL);
    f.put("weekend", SimpleType.BOOL);
    f.put("holiday", SimpleType.BOOL);
    f.put("local_hour", SimpleType.INT);
    f.put("age_band", SimpleType.STRING);
    f.put("older_payer", SimpleType.BOOL);
    f.put("on_call", SimpleType.BOOL);
    f.put("screen_sharing", SimpleType.BOOL);
    return Map.copyOf(f);
  }

  private static CelCompiler compiler() {
    var builder = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
    facts().forEach(builder::addVar);
    return builder.build();
  }

  /**
   * Compiles a rule set.
   *
   * @throws BonafideException {@code validation-failed} naming the rule and what is wrong with it
   */
  public static PaymentRules compile(int version, int coolingOffMinutes, List<Rule> rules) {
    if (rules == null || rules.isEmpty() || rules.size() > MAX_RULES) {
      throw invalid(null, "A rule set has 1 to " + MAX_RULES + " rules.");
    }
    if (coolingOffMinutes < 0 || coolingOffMinutes > 7 * 24 * 60) {
      throw invalid(null, "coolingOffMinutes is between 0 and 10080 (a week).");
    }
    List<Compiled> compiled = new ArrayList<>(rules.size());
    Set<String> ids = new java.util.HashSet<>();
    for (Rule r : rules) {
      if (r == null || r.id() == null || !ID.matcher(r.id()).matches()) {
        throw invalid(r == null ? null : r.id(), "A rule id is 1 to 64 lower-case letters, digits and hyphens.");
      }
      if (!ids.add(r.id())) {
        throw invalid(r.id(), "Rule ids are unique.");
      }
      Outcome outcome = r.outcome() == null ? null : Outcome.fromCode(r.outcome().toLowerCase(Locale.ROOT));
      if (outcome == null) {
        throw invalid(r.id(), "outcome is allow, warn, confirm, hold or block.");
      }
      if (r.reason() == null || !ID.matcher(r.reason()).matches()) {
        throw invalid(r.id(), "reason is a code: lower-case letters, digits and hyphens.");
      }
      if (r.when() == null || r.when().isBlank() || r.when().length() > MAX_EXPRESSION) {
        throw invalid(r.id(), "when is a CEL expression of 1 to " + MAX_EXPRESSION + " characters.");
      }
      try {
        CelAbstractSyntaxTree ast = COMPILER.compile(r.when()).getAst();
        compiled.add(new Compiled(r, outcome, RUNTIME.createProgram(ast)));
      } catch (CelValidationException e) {
        throw invalid(r.id(), "when does not compile to a boolean over the payment facts: " + e.getMessage());
      } catch (CelEvaluationException e) {
        throw invalid(r.id(), "when cannot be planned: " + e.getMessage());
      }
    }
    return new PaymentRules(version, coolingOffMinutes, List.copyOf(compiled));
  }

  public int version() {
    return version;
  }

  public int coolingOffMinutes() {
    return coolingOffMinutes;
  }

  /** The rules as written, for reading back. */
  public List<Rule> rules() {
    return rules.stream().map(Compiled::rule).toList();
  }

  /** A rule that fired. */
  public record Fired(String rule, String reason, Outcome outcome) {}

  /** The outcome: the highest rung among the rules that fired (allow when none did), and which fired. */
  public record Decision(Outcome outcome, List<Fired> fired, List<String> errors) {}

  /**
   * Evaluates every rule on the facts. A rule that fails at run time (a division by zero) does not
   * fire and is named in {@code errors}: one bad rule never blocks or allows a payment by itself.
   */
  public Decision evaluate(Map<String, Object> facts) {
    Outcome outcome = Outcome.ALLOW;
    List<Fired> fired = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Compiled c : rules) {
      try {
        if (Boolean.TRUE.equals(c.program().eval(facts))) {
          fired.add(new Fired(c.rule().id(), c.rule().reason(), c.outcome()));
          if (c.outcome().ordinal() > outcome.ordinal()) {
            outcome = c.outcome();
          }
        }
      } catch (CelEvaluationException e) {
        errors.add(c.rule().id() + ": " + e.getMessage());
      }
    }
    return new Decision(outcome, List.copyOf(fired), List.copyOf(errors));
  }

  private static BonafideException invalid(String rule, String detail) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("field", "rules");
    if (rule != null) {
      props.put("rule", rule);
    }
    return new BonafideException(ErrorCode.VALIDATION_FAILED, (rule == null ? "" : "Rule " + rule + ": ") + detail, props);
  }
}
