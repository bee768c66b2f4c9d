package org.bonafide.scamintel;

import static org.assertj.core.api.Assertions.assertThat;

import org.bonafide.identitygraph.Identifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LookalikesTest {
  private final Lookalikes lookalikes = new Lookalikes(Lookalikes.DEFAULT_PROTECTED);
  private final Indicators indicators = new Indicators(Identifiers.withDefaults());

  private Lookalikes.Finding examine(String raw) {
    Indicators.Parsed parsed = indicators.parse(IndicatorKind.URL, raw);
    assertThat(parsed.isAccepted()).as(raw).isTrue();
    return lookalikes.examine(parsed.indicator().value(), Lookalikes.hasUserInfo(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "https://www.hsbc.com.hk/login, official-domain",
    "https://secure.hangseng.com/, official-domain",
    "https://hsbс.com.hk/login, confusable",
    "https://paypa1.com/signin, confusable",
    "https://hbsc.com.hk/verify, typosquat",
    "https://hangsenq.com/, typosquat",
    "https://hsbc.com/verify, tld-swap",
    "https://hsbc-hk-verify.top/, brand-in-domain",
    "https://hsbc.com.hk.secure-login.xyz/, brand-in-subdomain",
    "http://203.0.113.7/pay, ip-host",
    "https://bit.ly/3abcd, url-shortener",
    "https://parcel-redelivery.top/, suspicious-tld",
    "https://www.hsbc.com.hk@evil.example/, user-info",
  })
  void eachTrickIsNamed(String url, String reason) {
    assertThat(examine(url).reasons()).containsKey(reason);
  }

  @Test
  void officialAndOrdinaryDomainsScoreLowAndImitationsHigh() {
    assertThat(examine("https://www.hsbc.com.hk/").score()).isZero();
    assertThat(examine("https://www.applebees.com/menu").score()).isLessThan(0.3);
    assertThat(examine("https://news.ycombinator.com/").score()).isZero();
    assertThat(examine("https://hsbс.com.hk/login").score()).isGreaterThanOrEqualTo(0.9);
    assertThat(examine("https://hsbc-hk-verify.top/").score()).isGreaterThan(0.8);
  }

  @Test
  void editDistanceCountsSwapsAsOneEdit() {
    assertThat(Lookalikes.withinEdits("hbsc", "hsbc", 1)).isTrue();
    assertThat(Lookalikes.withinEdits("hsbcc", "hsbc", 1)).isTrue();
    assertThat(Lookalikes.withinEdits("hxbx", "hsbc", 1)).isFalse();
  }

  @Test
  void protectedDomainsAreConfigurable() {
    java.util.List<String> own = ScamIntelConfiguration.protectedDomains(java.util.List.of("MyBank.com.hk"));
    assertThat(own).containsExactly("mybank.com.hk");
    Lookalikes custom = new Lookalikes(own);
    Indicators.Parsed link = indicators.parse(IndicatorKind.URL, "https://mybank-verify.top/");
    assertThat(custom.examine(link.indicator().value(), false).reasons()).containsKey("brand-in-domain");
    assertThat(ScamIntelConfiguration.protectedDomains(java.util.List.of("mybank.com.hk", "+defaults")))
        .contains("mybank.com.hk", "hsbc.com.hk");
    assertThat(ScamIntelConfiguration.protectedDomains(java.util.List.of())).isEqualTo(Lookalikes.DEFAULT_PROTECTED);
  }
}
