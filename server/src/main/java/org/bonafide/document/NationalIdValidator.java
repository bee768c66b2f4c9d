package org.bonafide.document;

/**
 * Checks one kind of national identity number. Implementations are stateless and thread-safe;
 * {@link NationalIds} holds the built-in ones and finds more through {@link java.util.ServiceLoader}
 * (docs/mrz.md, "Adding a national identity number").
 */
public interface NationalIdValidator {
  /** A stable id, kebab-case, for example {@code hk-identity-card}. */
  String id();

  /** The ICAO code of the state or territory that issues the number, for example {@code HKG}. */
  String country();

  /**
   * Checks a number as a person typed or OCR read it: case, spaces and the usual punctuation are
   * forgiven. A malformed number is an invalid result, never an exception.
   *
   * @throws IllegalArgumentException when {@code number} is null or longer than {@link
   *     NationalIdResult#MAX_INPUT} characters
   */
  NationalIdResult validate(String number);
}
