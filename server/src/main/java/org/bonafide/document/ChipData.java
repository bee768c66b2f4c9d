package org.bonafide.document;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a phone read from an ePassport or eID chip, as the chip's files were: raw bytes, never
 * re-encoded, because the security object (SOD) signs hashes of exactly these bytes.
 *
 * @param sod the EF.SOD file (tag 0x77)
 * @param dataGroups data group files by number, 1 to 16 (DG1 and DG2 for a full check; DG14 and
 *     DG15 when the chip has them)
 * @param activeAuthentication the challenge the server issued and the chip's signature over it,
 *     when the app ran active authentication
 * @param chipAuthentication what the app says about chip authentication, when it ran it
 */
public record ChipData(
    byte[] sod,
    Map<Integer, byte[]> dataGroups,
    Optional<ActiveAuthentication> activeAuthentication,
    Optional<ChipAuthenticationClaim> chipAuthentication) {

  /** The largest file accepted: a DG2 with a large portrait is about 100 KB. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  public ChipData {
    checkArgument(sod != null && sod.length > 0, "a chip read needs the SOD's bytes");
    checkArgument(sod.length <= MAX_FILE_BYTES, "the SOD has at most %s bytes", MAX_FILE_BYTES);
    checkArgument(dataGroups != null, "data groups must be given (possibly none)");
    TreeMap<Integer, byte[]> copy = new TreeMap<>();
    dataGroups.forEach(
        (number, bytes) -> {
          checkArgument(number != null && number >= 1 && number <= 16, "data groups are numbered 1 to 16, not %s", number);
          checkArgument(bytes != null && bytes.length > 0, "DG%s has no bytes", number);
          checkArgument(bytes.length <= MAX_FILE_BYTES, "DG%s has more than %s bytes", number, MAX_FILE_BYTES);
          copy.put(number, bytes.clone());
        });
    sod = sod.clone();
    dataGroups = java.util.Collections.unmodifiableMap(copy);
    checkArgument(activeAuthentication != null && chipAuthentication != null, "use Optional.empty() for no claim");
  }

  /** A chip read with passive authentication data only. */
  public ChipData(byte[] sod, Map<Integer, byte[]> dataGroups) {
    this(sod, dataGroups, Optional.empty(), Optional.empty());
  }

  @Override
  public byte[] sod() {
    return sod.clone();
  }

  /** The raw bytes of one data group, if it was read. */
  public Optional<byte[]> dataGroup(int number) {
    return Optional.ofNullable(dataGroups.get(number)).map(byte[]::clone);
  }

  /** Internal read without copying. */
  byte[] rawDataGroup(int number) {
    return dataGroups.get(number);
  }

  byte[] rawSod() {
    return sod;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ChipData c) || !Arrays.equals(sod, c.sod) || !dataGroups.keySet().equals(c.dataGroups.keySet())) {
      return false;
    }
    for (Map.Entry<Integer, byte[]> e : dataGroups.entrySet()) {
      if (!Arrays.equals(e.getValue(), c.dataGroups.get(e.getKey()))) {
        return false;
      }
    }
    return activeAuthentication.equals(c.activeAuthentication) && chipAuthentication.equals(c.chipAuthentication);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sod) * 31 + dataGroups.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "ChipData[sod " + sod.length + " bytes, DGs " + dataGroups.keySet() + ", AA " + activeAuthentication.isPresent()
        + ", CA " + chipAuthentication.isPresent() + "]";
  }

  /**
   * An active authentication exchange: the chip signed the challenge with the private key whose
   * public half is in DG15. The challenge must come from the server (random, single use): one the
   * app chose could be replayed from a recording of the genuine chip.
   *
   * @param challenge the 8 bytes sent to the chip (ICAO 9303-11)
   * @param signature the chip's response to INTERNAL AUTHENTICATE
   */
  public record ActiveAuthentication(byte[] challenge, byte[] signature) {
    public ActiveAuthentication {
      checkArgument(challenge != null && challenge.length == 8, "an active authentication challenge has 8 bytes");
      checkArgument(signature != null && signature.length > 0 && signature.length <= 1024, "an active authentication signature has 1 to 1024 bytes");
      challenge = challenge.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] challenge() {
      return challenge.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ActiveAuthentication a && Arrays.equals(challenge, a.challenge) && Arrays.equals(signature, a.signature);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(challenge) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
      return "ActiveAuthentication[" + signature.length + "-byte signature]";
    }
  }

  /**
   * The app's report of chip authentication (ICAO 9303-11, EAC v1). The server does not see the
   * protocol: chip authentication proves itself by the secure messaging that follows, inside the
   * phone. This is the app's word, checked only against the keys DG14 declares.
   *
   * @param succeeded whether the chip proved knowledge of the DG14 private key
   * @param keyId the DG14 key the app used, when DG14 has several
   */
  public record ChipAuthenticationClaim(boolean succeeded, Optional<BigInteger> keyId) {
    public ChipAuthenticationClaim {
      checkArgument(keyId != null, "use Optional.empty() for no key id");
    }
  }
}
