/**
 * Scam intelligence: indicators (phone numbers, bank accounts, payment proxy ids, links and
 * domains, emails, crypto wallets, platform handles, IPs) in one canonical form each, so that
 * reports written differently meet at one indicator.
 *
 * <p>Entry points: {@link org.bonafide.scamintel.Indicators} (canonical forms and the registrable
 * domain of a host), {@link org.bonafide.scamintel.Indicator} and {@link
 * org.bonafide.scamintel.IndicatorKind}. docs/scam-intelligence.md describes the forms.
 *
 * <p>The module depends on {@code shared} and on {@code identitygraph}'s {@link
 * org.bonafide.identitygraph.Identifiers}, so that a phone, email, IP or bank account has the same
 * canonical text in both (a reported mule account can then be traced to the application that
 * named it).
 */
package org.bonafide.scamintel;
