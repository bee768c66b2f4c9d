package org.bonafide.session;

import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Expires abandoned sessions (their partial frames are deleted; the counts stay) and deletes
 * evidence and recordings past their retention time.
 */
class SessionSweeper {
  private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

  private final SessionRepository repository;
  private final InstantSource clock;

  SessionSweeper(SessionRepository repository, InstantSource clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${bonafide.session.sweep-interval:30s}",
      initialDelayString = "${bonafide.session.sweep-interval:30s}")
  void sweep() {
    int expired = repository.expireDue(clock.instant());
    int purged = repository.purgeRetained(clock.instant());
    if (expired > 0 || purged > 0) {
      log.info("Expired {} abandoned sessions; deleted the evidence of {} sessions past retention", expired, purged);
    }
  }
}
