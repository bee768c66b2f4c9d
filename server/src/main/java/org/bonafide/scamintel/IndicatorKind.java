package org.bonafide.scamintel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * What a scam indicator is. Codes are stable: they are stored with every indicator and report, and
 * are part of the API and of import files.
 */
public enum IndicatorKind {
  /** A phone number, E.164. */
  PHONE("phone"),
  /** A bank account: bank code and account number, or an IBAN. */
  BANK_ACCOUNT("bank-account"),
  /** A payment proxy id (FPS-style): {@code phone:}, {@code email:} or {@code fps-id:} and the value. */
  PAYMENT_PROXY("payment-proxy"),
  /** A web address: scheme, host, port when not the default, path and query. */
  URL("url"),
  /** A host name (ASCII, punycode for international names). */
  DOMAIN("domain"),
  /** An email address. */
  EMAIL("email"),
  /** A crypto wallet address with its chain family: {@code btc:}, {@code evm:} or {@code trx:}. */
  CRYPTO_WALLET("crypto-wallet"),
  /** An account on a messaging or social platform: {@code platform:handle}. */
  HANDLE("handle"),
  /** A public IP address. */
  IP("ip");

  private final String code;

  IndicatorKind(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /** The kind with this code, if any. */
  public static Optional<IndicatorKind> fromCode(String code) {
    for (IndicatorKind k : values()) {
      if (k.code.equals(code)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
