package org.bonafide.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bonafide.identitygraph.EntityKind;
import org.bonafide.identitygraph.GraphApplication;
import org.junit.jupiter.api.Test;

class SessionDeviceTest {
  private static final String DEVICE = "0123456789abcdef0123456789abcdef";

  @Test
  void theDeviceIdAndAPublicObservedAddressAreIdentifiers() {
    Map<EntityKind, List<String>> ids =
        SessionDevice.identifiers(Map.of("deviceId", DEVICE, "observedIp", "203.0.113.9", "userAgent", "x"));
    assertThat(ids).containsOnlyKeys(EntityKind.DEVICE, EntityKind.IP);
    assertThat(ids.get(EntityKind.DEVICE)).containsExactly(DEVICE);
    assertThat(ids.get(EntityKind.IP)).containsExactly("203.0.113.9");
  }

  @Test
  void whatTheGraphWouldRefuseIsLeftOut() {
    assertThat(SessionDevice.identifiers(Map.of("deviceId", "short", "observedIp", "127.0.0.1"))).isEmpty();
    assertThat(SessionDevice.identifiers(Map.of("deviceId", 42, "observedIp", "192.168.1.4"))).isEmpty();
    assertThat(SessionDevice.identifiers(Map.of("deviceId", "not hex or base64 !!!!!!!!"))).isEmpty();
    assertThat(SessionDevice.identifiers(null)).isEmpty();
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("deviceId", null);
    assertThat(SessionDevice.identifiers(withNull)).isEmpty();
  }

  @Test
  void theSessionsValuesJoinWhatTheApplicationNamesWithoutRepeats() {
    GraphApplication posted =
        new GraphApplication(
            "LOAN-1",
            Instant.parse("2026-11-21T00:00:00Z"),
            Map.of(EntityKind.DEVICE, List.of(DEVICE), EntityKind.PHONE, List.of("+85291234567")),
            null);
    GraphApplication joined =
        SessionDevice.withSession(posted, Map.of("deviceId", DEVICE, "observedIp", "198.51.100.7"));
    assertThat(joined.identifiers().get(EntityKind.DEVICE)).containsExactly(DEVICE);
    assertThat(joined.identifiers().get(EntityKind.IP)).containsExactly("198.51.100.7");
    assertThat(joined.identifiers().get(EntityKind.PHONE)).containsExactly("+85291234567");
    assertThat(joined.reference()).isEqualTo("LOAN-1");
    assertThat(SessionDevice.withSession(posted, null).identifiers()).isEqualTo(posted.identifiers());
  }
}
