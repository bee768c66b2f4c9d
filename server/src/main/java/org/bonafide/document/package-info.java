/**
 * Identity documents: reading the machine-readable zone (MRZ) and national identity numbers,
 * checking them (check digits, dates, codes), finding traces of forgery on the printed page,
 * verifying the chip's data by passive authentication, and comparing the holder's portrait with
 * the live face.
 *
 * <p>Every check returns a {@link org.bonafide.document.DocumentCheck} whose reason, when it did not
 * pass, comes from the one catalogue {@link org.bonafide.document.DocumentReason} ({@code
 * docs/documents.md}). The module depends only on {@code shared} and {@code storage}.
 */
package org.bonafide.document;
