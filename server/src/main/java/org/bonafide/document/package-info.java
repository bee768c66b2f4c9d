/**
 * Identity documents: finding the document in a photo and reading its machine-readable zone (MRZ)
 * with Tesseract, checking it (check digits, dates, codes) and national identity numbers,
 * comparing it with the printed zone, finding traces of forgery on the printed page, and verifying
 * the chip's data by passive authentication.
 *
 * <p>Entry points: {@link org.bonafide.document.DocumentAnalyzer} (the bean the session module
 * calls with a {@link org.bonafide.document.DocumentSubmission}), and for tools {@link
 * org.bonafide.document.MrzReader}, {@link org.bonafide.document.Mrz}, {@link
 * org.bonafide.document.MrzCorrection}, {@link org.bonafide.document.NationalIds}, {@link
 * org.bonafide.document.PageForensics}, {@link org.bonafide.document.PrintedData} and {@link
 * org.bonafide.document.ChipVerifier}. The holder's face comparison is the session module's: this
 * module hands it the chip's portrait.
 *
 * <p>Every check returns a {@link org.bonafide.document.DocumentCheck} whose reason, when it did not
 * pass, comes from the one catalogue {@link org.bonafide.document.DocumentReason} ({@code
 * docs/documents.md}). The module depends only on {@code shared} and {@code storage}.
 */
package org.bonafide.document;
