package org.bonafide.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Failed API-key attempts are throttled per address before any key is looked up, counted and
 * logged; other addresses and valid keys from them are not affected. (The service's tenant store is
 * stood in for: this tests the filter's bookkeeping, not authentication, which the ITs run for real.)
 */
class ApiKeyFilterTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
  private final TenantService tenants = mock(TenantService.class);
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final ApiKeyFilter filter;

  ApiKeyFilterTest() {
    // no MVC in this test: the filter falls back to the servlet error with the problem's status
    HandlerExceptionResolver noResolver = (request, response, handler, ex) -> null;
    StaticListableBeanFactory beans =
        new StaticListableBeanFactory(Map.of("tenants", tenants, "meters", meters, "resolver", noResolver));
    InstantSource clock = () -> now.get();
    filter =
        new ApiKeyFilter(
            beans.getBeanProvider(TenantService.class),
            beans.getBeanProvider(HandlerExceptionResolver.class),
            beans.getBeanProvider(MeterRegistry.class),
            3,
            clock);
    when(tenants.authenticate(anyString())).thenReturn(Optional.empty());
  }

  private int call(String address, String key) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/sessions");
    request.setRemoteAddr(address);
    if (key != null) {
      request.addHeader("Authorization", "Bearer " + key);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response.getStatus();
  }

  private double failures(String reason) {
    var counter = meters.find("bonafide.api.key.failures").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void anAddressThatKeepsFailingIsThrottledBeforeItsKeysAreLookedUp() throws Exception {
    assertThat(call("203.0.113.7", "guess-1")).isEqualTo(401);
    assertThat(call("203.0.113.7", null)).isEqualTo(401);
    assertThat(call("203.0.113.7", "guess-2")).isEqualTo(401);
    // the fourth attempt within the minute: refused without a lookup
    assertThat(call("203.0.113.7", "guess-3")).isEqualTo(429);
    assertThat(call("203.0.113.7", "guess-4")).isEqualTo(429);
    verify(tenants, times(2)).authenticate(anyString());
    assertThat(failures("invalid")).isEqualTo(2);
    assertThat(failures("missing")).isEqualTo(1);
    assertThat(failures("throttled")).isEqualTo(2);
    // another address is not affected
    assertThat(call("198.51.100.1", "guess-5")).isEqualTo(401);
    // a token comes back every 20 s (3 a minute)
    now.set(now.get().plusSeconds(21));
    assertThat(call("203.0.113.7", "guess-6")).isEqualTo(401);
    assertThat(call("203.0.113.7", "guess-7")).isEqualTo(429);
    // a clock set back refills nothing, and drains nothing either
    now.set(now.get().minusSeconds(600));
    assertThat(call("198.51.100.1", "guess-8")).isEqualTo(401);
    now.set(now.get().plusSeconds(600 + 21));
    assertThat(call("203.0.113.7", "guess-9")).isEqualTo(401);
  }
}
