package org.bonafide.scamintel;

import static org.assertj.core.api.Assertions.assertThat;

import org.bonafide.identitygraph.Identifiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Canonical forms of indicators, with the tricks scam links and reports use. */
class IndicatorsTest {
  private final Indicators indicators = new Indicators(Identifiers.withDefaults());

  private String canonical(IndicatorKind kind, String raw) {
    Indicators.Parsed parsed = indicators.parse(kind, raw);
    assertThat(parsed.isAccepted()).as("%s %s: %s", kind.code(), raw, parsed.refusal()).isTrue();
    String value = parsed.indicator().value();
    // a canonical value reads back as itself
    assertThat(indicators.parse(kind, value).indicator().value()).as("re-read %s", value).isEqualTo(value);
    return value;
  }

  private void refused(IndicatorKind kind, String raw) {
    Indicators.Parsed parsed = indicators.parse(kind, raw);
    assertThat(parsed.isAccepted()).as("%s %s", kind.code(), raw).isFalse();
    assertThat(parsed.refusal()).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hxxps://evil[.]example/login | https://evil.example/login",
        "https://www.hsbc.com.hk@evil.example/verify | https://evil.example/verify",
        "HTTPS://EXAMPLE.COM:443/a/./b/../c?x=1#top | https://example.com/a/c?x=1",
        "http://example.com:80 | http://example.com/",
        "example.com | http://example.com/",
        "example.com:8080/pay | http://example.com:8080/pay",
        "//example.com/x | http://example.com/x",
        "http://0x7f.0.0.1/ | http://127.0.0.1/",
        "http://3232235777/ | http://192.168.1.1/",
        "http://0300.0250.1.1/ | http://192.168.1.1/",
        "http://[::ffff:7f00:1]/ | http://127.0.0.1/",
        "http://[2001:DB8::1]:8443/a | http://[2001:db8::1]:8443/a",
        "http://ｅｘａｍｐｌｅ．ｃｏｍ/ | http://example.com/",
        "https://bücher.example/ | https://xn--bcher-kva.example/",
        "https://example.com./ | https://example.com/",
        "https://example.com/%7euser/%2f | https://example.com/~user/%2F",
        "https://example.com\\login | https://example.com/login",
        "https://ex%61mple.com/ | https://example.com/",
      })
  void linksTakeOneFormWhateverTheTrick(String raw, String expected) {
    assertThat(canonical(IndicatorKind.URL, raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "javascript:alert(1)",
    "mailto:someone@example.com",
    "ftp://example.com/file",
    "https://exa mple.com/",
    "https://localhost/",
    "https://example..com/",
    "https://-bad-.example/",
    "https://example.com:99999/",
    "https://1.2.3.4.5/",
    "https:///path",
  })
  void whatIsNotAWebLinkIsRefused(String raw) {
    refused(IndicatorKind.URL, raw);
  }

  @Test
  void aDomainIsAHostAndKnowsItsRegistrablePart() {
    assertThat(canonical(IndicatorKind.DOMAIN, "WWW.Example.COM.")).isEqualTo("www.example.com");
    assertThat(canonical(IndicatorKind.DOMAIN, "hxxps://login.evil[.]example/x")).isEqualTo("login.evil.example");
    assertThat(canonical(IndicatorKind.DOMAIN, "paypal.com@phish.example")).isEqualTo("phish.example");
    assertThat(canonical(IndicatorKind.DOMAIN, "xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
    refused(IndicatorKind.DOMAIN, "localhost");
    refused(IndicatorKind.DOMAIN, "under_score.example");
    assertThat(Indicators.registrableDomain("secure.hsbc.com.hk.evil.xyz")).contains("evil.xyz");
    assertThat(Indicators.registrableDomain("login.evil.example.co.uk")).contains("example.co.uk");
    assertThat(Indicators.registrableDomain("co.uk")).isEmpty();
    assertThat(Indicators.parentDomains("a.b.evil.co.uk")).containsExactly("b.evil.co.uk", "evil.co.uk");
    assertThat(Indicators.parentDomains("login.pay.example")).containsExactly("pay.example");
    assertThat(Indicators.parentDomains("evil.xyz")).isEmpty();
    assertThat(Indicators.parentDomains("203.0.113.7")).isEmpty();
    assertThat(Indicators.registrableDomain("192.168.1.1")).isEmpty();
  }

  @Test
  void walletsAreCheckedByTheirChecksums() {
    // P2PKH (the genesis block's), P2SH, bech32 v0 (BIP 173) and bech32m v1 (BIP 350)
    assertThat(canonical(IndicatorKind.CRYPTO_WALLET, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"))
        .isEqualTo("btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(canonical(IndicatorKind.CRYPTO_WALLET, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"))
        .isEqualTo("btc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
    assertThat(canonical(IndicatorKind.CRYPTO_WALLET, "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"))
        .isEqualTo("btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    assertThat(canonical(IndicatorKind.CRYPTO_WALLET, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"))
        .isEqualTo("btc:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0");
    // EIP-55 examples: mixed case carries a checksum, one case does not
    assertThat(canonical(IndicatorKind.CRYPTO_WALLET, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
        .isEqualTo("evm:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    assertThat(canonical(IndicatorKind.CRYPTO_WALLET, "eth:0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"))
        .isEqualTo("evm:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359");
    assertThat(canonical(IndicatorKind.CRYPTO_WALLET, "0XDBF03B407C01E7CD3CBEA99509D93F8DDDC8C6FB"))
        .isEqualTo("evm:0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb");
    assertThat(canonical(IndicatorKind.CRYPTO_WALLET, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"))
        .isEqualTo("trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
    // one character changed: the checksum no longer holds
    refused(IndicatorKind.CRYPTO_WALLET, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb");
    refused(IndicatorKind.CRYPTO_WALLET, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5");
    refused(IndicatorKind.CRYPTO_WALLET, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
    refused(IndicatorKind.CRYPTO_WALLET, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u");
    refused(IndicatorKind.CRYPTO_WALLET, "bc1QW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    // a chain prefix that does not fit the address
    refused(IndicatorKind.CRYPTO_WALLET, "trx:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    refused(IndicatorKind.CRYPTO_WALLET, "doge:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    refused(IndicatorKind.CRYPTO_WALLET, "not a wallet");
  }

  @Test
  void handlesNameTheirPlatform() {
    assertThat(canonical(IndicatorKind.HANDLE, "telegram:@HK_Support_Desk")).isEqualTo("telegram:hk_support_desk");
    assertThat(canonical(IndicatorKind.HANDLE, "https://t.me/HK_Support_Desk")).isEqualTo("telegram:hk_support_desk");
    assertThat(canonical(IndicatorKind.HANDLE, "t.me/HK_Support_Desk?start=1")).isEqualTo("telegram:hk_support_desk");
    assertThat(canonical(IndicatorKind.HANDLE, "Twitter:@Someone")).isEqualTo("x:someone");
    assertThat(canonical(IndicatorKind.HANDLE, "https://www.instagram.com/some.one/")).isEqualTo("instagram:some.one");
    assertThat(canonical(IndicatorKind.HANDLE, "wa.me/85291234567")).isEqualTo("whatsapp:+85291234567");
    assertThat(canonical(IndicatorKind.HANDLE, "whatsapp:9123 4567")).isEqualTo("whatsapp:+85291234567");
    assertThat(canonical(IndicatorKind.HANDLE, "qq:123456789")).isEqualTo("qq:123456789");
    refused(IndicatorKind.HANDLE, "@someone");
    refused(IndicatorKind.HANDLE, "myspace:someone");
    refused(IndicatorKind.HANDLE, "telegram:has space");
    refused(IndicatorKind.HANDLE, "https://example.com/someone");
    refused(IndicatorKind.HANDLE, "whatsapp:not-a-number");
  }

  @Test
  void phonesAccountsProxiesEmailsAndAddressesTakeTheGraphsForms() {
    assertThat(canonical(IndicatorKind.PHONE, "+852 9123 4567")).isEqualTo("+85291234567");
    assertThat(canonical(IndicatorKind.PHONE, "9123-4567")).isEqualTo("+85291234567");
    assertThat(canonical(IndicatorKind.PHONE, "(852) 9123 4567")).isEqualTo("+85291234567");
    refused(IndicatorKind.PHONE, "12");
    refused(IndicatorKind.PHONE, "call me");
    assertThat(canonical(IndicatorKind.BANK_ACCOUNT, "004: 123-456789-001"))
        .isEqualTo(canonical(IndicatorKind.BANK_ACCOUNT, "004:123456789001"));
    refused(IndicatorKind.BANK_ACCOUNT, "not an account");
    assertThat(canonical(IndicatorKind.PAYMENT_PROXY, "phone:9123 4567")).isEqualTo("phone:+85291234567");
    assertThat(canonical(IndicatorKind.PAYMENT_PROXY, "FPS-ID: 1234-567")).isEqualTo("fps-id:1234567");
    assertThat(canonical(IndicatorKind.PAYMENT_PROXY, "email:Mule@Example.com")).startsWith("email:");
    refused(IndicatorKind.PAYMENT_PROXY, "fps-id:12");
    refused(IndicatorKind.PAYMENT_PROXY, "iban:GB82WEST12345698765432");
    refused(IndicatorKind.PAYMENT_PROXY, "91234567");
    assertThat(canonical(IndicatorKind.EMAIL, "refunds[@]evil[.]example")).isEqualTo(canonical(IndicatorKind.EMAIL, "refunds@evil.example"));
    assertThat(canonical(IndicatorKind.IP, "203.0.113.7")).isEqualTo("203.0.113.7");
    refused(IndicatorKind.IP, "10.0.0.1");
  }

  @Test
  void emptyAndHugeValuesAreRefused() {
    for (IndicatorKind kind : IndicatorKind.values()) {
      refused(kind, "");
      refused(kind, "   ");
      refused(kind, null);
      refused(kind, "a".repeat(Indicators.MAX_LENGTH + 1));
    }
  }

  @Test
  void kindsHaveStableCodes() {
    assertThat(IndicatorKind.fromCode("crypto-wallet")).contains(IndicatorKind.CRYPTO_WALLET);
    assertThat(IndicatorKind.fromCode("payment-proxy")).contains(IndicatorKind.PAYMENT_PROXY);
    assertThat(IndicatorKind.fromCode("nope")).isEmpty();
  }
}
