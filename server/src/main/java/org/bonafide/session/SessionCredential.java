package org.bonafide.session;

import java.util.UUID;

/**
 * A capture or upload token that authenticated a request to a capture endpoint: the session it
 * belongs to and which of the two it is. Absent when the request came with the tenant's API key.
 */
record SessionCredential(UUID session, Kind kind) {
  static final String REQUEST_ATTRIBUTE = "org.bonafide.session.credential";

  enum Kind {
    CAPTURE,
    UPLOAD
  }
}
