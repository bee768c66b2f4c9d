package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The national identity number validators: the built-in ones (Hong Kong, mainland China) and any
 * that a jar on the class path declares in {@code
 * META-INF/services/org.bonafide.document.NationalIdValidator}. Ids are unique; a later validator
 * with an id already taken is refused.
 */
public final class NationalIds {
  private final Map<String, NationalIdValidator> byId = new LinkedHashMap<>();

  /** A registry of exactly these validators. */
  public NationalIds(List<NationalIdValidator> validators) {
    for (NationalIdValidator v : validators) {
      checkArgument(byId.putIfAbsent(v.id(), v) == null, "two national identity validators have the id %s", v.id());
    }
  }

  /** The built-in validators and those found by {@link ServiceLoader}. */
  public static NationalIds standard() {
    List<NationalIdValidator> all = new ArrayList<>(List.of(new NationalIdHongKong(), new NationalIdChina()));
    ServiceLoader.load(NationalIdValidator.class).forEach(all::add);
    return new NationalIds(all);
  }

  public List<NationalIdValidator> validators() {
    return List.copyOf(byId.values());
  }

  public Optional<NationalIdValidator> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The validators for numbers issued by this ICAO state code. */
  public List<NationalIdValidator> forCountry(String country) {
    return byId.values().stream().filter(v -> v.country().equals(country)).toList();
  }

  /**
   * Validates with the named validator.
   *
   * @throws IllegalArgumentException when no validator has this id
   */
  public NationalIdResult validate(String validatorId, String number) {
    NationalIdValidator v = byId.get(validatorId);
    checkArgument(v != null, "no national identity validator '%s'; known: %s", validatorId, byId.keySet());
    return v.validate(number);
  }
}
