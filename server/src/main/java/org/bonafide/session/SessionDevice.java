package org.bonafide.session;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bonafide.identitygraph.EntityKind;
import org.bonafide.identitygraph.GraphApplication;
import org.bonafide.identitygraph.Identifiers;

/**
 * What a session tells the identity graph about the device it was captured on: the device id the
 * capture page (or the institution's app) put in the telemetry, and the IP address the service saw
 * the frames come from.
 *
 * <p>The device id is the capture page's own random id (32 hex digits), kept in the browser's local
 * storage (an app sends its install id instead, hex or base64url): it survives sessions, not a cleared browser or a private
 * window. Attribute fingerprints (user agent, screen, time zone, camera label) are not linked: two
 * phones of one model and setup give the same one, which would join strangers. The IP is the one
 * the service observed, never one the client claims; behind a proxy it is the proxy's unless the
 * service is told to trust forwarded headers ({@code server.forward-headers-strategy}). A private,
 * loopback or otherwise non-public address is not linked.
 */
final class SessionDevice {
  /** The telemetry key the capture page sends its device id in. */
  static final String DEVICE_ID = "deviceId";

  /** The telemetry key the service writes the observed client address to (a client's value is overwritten). */
  static final String OBSERVED_IP = "observedIp";

  /** Device ids and addresses follow the same rules whatever the deployment's phone region. */
  private static final Identifiers IDENTIFIERS = Identifiers.withDefaults();

  private SessionDevice() {}

  /** The session's device and IP identifiers, by kind; empty when it reported neither. */
  static Map<EntityKind, List<String>> identifiers(Map<String, Object> telemetry) {
    Map<EntityKind, List<String>> ids = new EnumMap<>(EntityKind.class);
    if (telemetry == null) {
      return ids;
    }
    // what the graph would refuse (a malformed id, a private or loopback address) is left out: a
    // session's telemetry must never make the application it joins invalid
    if (telemetry.get(DEVICE_ID) instanceof String device && IDENTIFIERS.validate(EntityKind.DEVICE, device).isAccepted()) {
      ids.put(EntityKind.DEVICE, List.of(device));
    }
    if (telemetry.get(OBSERVED_IP) instanceof String ip && IDENTIFIERS.validate(EntityKind.IP, ip).isAccepted()) {
      ids.put(EntityKind.IP, List.of(ip));
    }
    return ids;
  }

  /** {@code ids} with the session's device and IP added to what it already names. */
  static Map<EntityKind, List<String>> withSession(Map<EntityKind, List<String>> ids, Map<String, Object> telemetry) {
    Map<EntityKind, List<String>> merged = new EnumMap<>(EntityKind.class);
    merged.putAll(ids);
    identifiers(telemetry).forEach(
        (kind, values) -> {
          List<String> all = new ArrayList<>(merged.getOrDefault(kind, List.of()));
          for (String v : values) {
            if (!all.contains(v)) {
              all.add(v);
            }
          }
          merged.put(kind, List.copyOf(all));
        });
    return merged;
  }

  /** The application with the session's device and IP added. */
  static GraphApplication withSession(GraphApplication application, Map<String, Object> telemetry) {
    return new GraphApplication(
        application.reference(),
        application.receivedAt(),
        withSession(application.identifiers(), telemetry),
        application.face(),
        application.session());
  }
}
