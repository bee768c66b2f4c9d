package org.bonafide.document;

import java.util.List;

/**
 * The machine-readable zones Bonafide reads: the three ICAO 9303 travel-document sizes, the two
 * ICAO visa sizes, and three national zones that share those sizes without following ICAO's
 * layout (the French identity card issued until 2021, the French and the Swiss driving licence).
 */
public enum MrzFormat {
  /** ICAO 9303 part 5: identity cards, 3 lines of 30. */
  TD1(30, 30, 30),
  /** ICAO 9303 part 6: identity cards and travel documents, 2 lines of 36. */
  TD2(36, 36),
  /** ICAO 9303 part 4: passports, 2 lines of 44. */
  TD3(44, 44),
  /** ICAO 9303 part 7: visa, format A, 2 lines of 44. */
  MRVA(44, 44),
  /** ICAO 9303 part 7: visa, format B, 2 lines of 36. */
  MRVB(36, 36),
  /** French national identity card (1988-2021): 2 lines of 36 with a national layout. */
  FRENCH_NATIONAL_ID(36, 36),
  /** French driving licence (2013 onwards): 1 line of 30. */
  FRENCH_DRIVING_LICENSE(30),
  /** Swiss (and Liechtenstein) driving licence: lines of 9, 30 and 30, no check digits. */
  SWISS_DRIVING_LICENSE(9, 30, 30);

  private final List<Integer> lineLengths;

  MrzFormat(Integer... lineLengths) {
    this.lineLengths = List.of(lineLengths);
  }

  /** The length of each line, top to bottom. */
  public List<Integer> lineLengths() {
    return lineLengths;
  }
}
