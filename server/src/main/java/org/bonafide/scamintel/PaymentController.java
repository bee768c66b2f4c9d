package org.bonafide.scamintel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bonafide.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Payment protection: assess a transfer before it leaves, and the tenant's versioned rules. */
@RestController
@Tag(name = "Payment protection")
class PaymentController {
  private static final String PROBLEM = "application/problem+json";
  private final PaymentProtection payments;

  PaymentController(PaymentProtection payments) {
    this.payments = payments;
  }

  @PostMapping(path = "/v1/payments/assess", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Assess a proposed transfer",
      description =
          "Checks the payee's indicators, computes the transfer's facts (amount, timing, recent transfers, share of"
              + " the balance, the payer's age band, a call or screen sharing) and applies your rules: outcome allow,"
              + " warn, confirm (with a cooling-off delay), hold (call the customer back) or block, with the rules"
              + " that fired and their version, and the customer's text in English and Traditional Chinese.")
  @ApiResponse(responseCode = "200", description = "The assessment")
  @ApiResponse(responseCode = "400", description = "validation-failed: names the field", content = @Content(mediaType = PROBLEM))
  Map<String, Object> assess(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @RequestBody PaymentProtection.PaymentInput body) {
    return payments.assess(tenant, body);
  }

  @GetMapping(path = "/v1/payment-rules", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Your payment rules", description = "The current version (0: the built-in rules) with its rules.")
  Map<String, Object> rules(@Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant) {
    PaymentRules rules = payments.rules(tenant);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("version", rules.version());
    view.put("coolingOffMinutes", rules.coolingOffMinutes());
    view.put("facts", PaymentRules.FACTS.keySet());
    view.put("rules", rules.rules());
    return view;
  }

  @PutMapping(path = "/v1/payment-rules", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Set your payment rules",
      description =
          "Stores a new version of your rules ({coolingOffMinutes, rules: [{id, when, outcome, reason}]}; when is a"
              + " CEL expression over the facts GET lists). Every expression is compiled first: one that does not"
              + " compile to a boolean is refused with its rule id, and nothing is stored.")
  @ApiResponse(responseCode = "201", description = "Stored as a new version")
  @ApiResponse(responseCode = "400", description = "validation-failed: names the rule", content = @Content(mediaType = PROBLEM))
  ResponseEntity<Map<String, Object>> putRules(
      @Parameter(hidden = true) @RequestAttribute(TenantId.REQUEST_ATTRIBUTE) TenantId tenant,
      @RequestBody PaymentProtection.RuleSetInput body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(payments.putRules(tenant, body));
  }
}
