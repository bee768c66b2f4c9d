/**
 * Verification sessions: a signed, single-use random challenge per session, the capture token and
 * upload API used by the capture page and native apps, the session's states, and the analysis of
 * the submitted capture by the liveness module.
 *
 * <p>Entry points: HTTP {@code /v1/sessions/**}; {@link org.bonafide.session.ChallengeGenerator}
 * for tools that need a freshly drawn challenge.
 */
package org.bonafide.session;
