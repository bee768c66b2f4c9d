package org.bonafide.scamintel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.scamintel.PaymentRules.Outcome;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The built-in payment rules, one rung of the ladder at a time, and the compiler's refusals. */
class PaymentRulesTest {
  private final PaymentRules builtIn = PaymentProtection.builtInRules(JsonMapper.builder().build());

  /** An unremarkable transfer: a known payee, daytime, weekday, a small share of the balance. */
  private static Map<String, Object> ordinary() {
    Map<String, Object> f = new HashMap<>();
    f.put("amount", 800.0);
    f.put("currency", "HKD");
    f.put("channel", "fps");
    f.put("payee_risk", "no-record");
    f.put("payee_reported", false);
    f.put("new_payee", false);
    f.put("transfers_24h", 1L);
    f.put("new_payees_24h", 0L);
    f.put("amount_24h", 800.0);
    f.put("rising_amounts", false);
    f.put("balance_share", 0.01);
    f.put("night", false);
    f.put("weekend", false);
    f.put("holiday", false);
    f.put("local_hour", 14L);
    f.put("age_band", "30-49");
    f.put("older_payer", false);
    f.put("on_call", false);
    f.put("screen_sharing", false);
    return f;
  }

  private PaymentRules.Decision with(Object... changes) {
    Map<String, Object> f = ordinary();
    for (int i = 0; i < changes.length; i += 2) {
      f.put((String) changes[i], changes[i + 1]);
    }
    return builtIn.evaluate(f);
  }

  @Test
  void anOrdinaryTransferIsAllowed() {
    PaymentRules.Decision d = builtIn.evaluate(ordinary());
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(d.fired()).isEmpty();
    assertThat(d.errors()).isEmpty();
    assertThat(builtIn.version()).isZero();
  }

  @Test
  void eachRuleTakesTheTransferToItsRung() {
    assertThat(with("payee_risk", "high").outcome()).isEqualTo(Outcome.BLOCK);
    assertThat(with("payee_risk", "medium").outcome()).isEqualTo(Outcome.HOLD);
    assertThat(with("payee_risk", "low").outcome()).isEqualTo(Outcome.WARN);
    assertThat(with("on_call", true).outcome()).isEqualTo(Outcome.CONFIRM);
    assertThat(with("screen_sharing", true, "new_payee", true).outcome()).isEqualTo(Outcome.HOLD);
    assertThat(with("transfers_24h", 4L).outcome()).isEqualTo(Outcome.CONFIRM);
    assertThat(with("transfers_24h", 6L, "new_payees_24h", 3L).outcome()).isEqualTo(Outcome.HOLD);
    assertThat(with("rising_amounts", true).outcome()).isEqualTo(Outcome.CONFIRM);
    assertThat(with("balance_share", 0.6).outcome()).isEqualTo(Outcome.CONFIRM);
    assertThat(with("balance_share", 0.95, "new_payee", true).outcome()).isEqualTo(Outcome.HOLD);
    assertThat(with("new_payee", true, "amount", 20000.0).outcome()).isEqualTo(Outcome.WARN);
    assertThat(with("new_payee", true, "amount", 6000.0, "weekend", true).outcome()).isEqualTo(Outcome.CONFIRM);
    assertThat(with("new_payee", true, "amount", 6000.0, "night", true).outcome()).isEqualTo(Outcome.CONFIRM);
    assertThat(with("new_payee", true, "amount", 6000.0, "holiday", true).outcome()).isEqualTo(Outcome.CONFIRM);
    assertThat(with("new_payee", true, "amount", 6000.0, "older_payer", true).outcome()).isEqualTo(Outcome.CONFIRM);
    // the highest rung wins, and every rule that fired is named
    PaymentRules.Decision many = with("payee_risk", "high", "on_call", true, "new_payee", true);
    assertThat(many.outcome()).isEqualTo(Outcome.BLOCK);
    assertThat(many.fired()).extracting(PaymentRules.Fired::rule).contains("payee-high-risk", "call-new-payee", "call");
  }

  @Test
  void rulesThatDoNotCompileAreRefusedWithTheirId() {
    assertThatThrownBy(() -> PaymentRules.compile(1, 30, List.of(new PaymentRules.Rule("typo", "amout > 5.0", "warn", "big"))))
        .isInstanceOfSatisfying(
            BonafideException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.properties()).containsEntry("rule", "typo");
            });
    assertThatThrownBy(() -> PaymentRules.compile(1, 30, List.of(new PaymentRules.Rule("not-bool", "amount + 1.0", "warn", "x"))))
        .isInstanceOf(BonafideException.class);
    assertThatThrownBy(() -> PaymentRules.compile(1, 30, List.of(new PaymentRules.Rule("a", "on_call", "explode", "x"))))
        .isInstanceOf(BonafideException.class);
    assertThatThrownBy(
            () ->
                PaymentRules.compile(
                    1, 30, List.of(new PaymentRules.Rule("a", "on_call", "warn", "x"), new PaymentRules.Rule("a", "night", "warn", "y"))))
        .isInstanceOf(BonafideException.class);
    assertThatThrownBy(() -> PaymentRules.compile(1, 30, List.of())).isInstanceOf(BonafideException.class);
  }

  @Test
  void aRuleThatFailsAtRunTimeFiresNothingAndIsNamed() {
    PaymentRules rules =
        PaymentRules.compile(
            2, 10, List.of(new PaymentRules.Rule("divide", "transfers_24h / (transfers_24h - transfers_24h) > 1", "block", "x")));
    PaymentRules.Decision d = rules.evaluate(ordinary());
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(d.errors()).singleElement().asString().startsWith("divide");
  }
}
