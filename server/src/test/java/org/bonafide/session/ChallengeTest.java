package org.bonafide.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bonafide.liveness.Challenge;
import org.bonafide.liveness.ColourFlash;
import org.bonafide.liveness.Prompt;
import org.bonafide.liveness.PromptStep;
import org.bonafide.shared.BonafideException;
import org.bonafide.shared.ErrorCode;
import org.bonafide.shared.TenantId;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  private static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
  private static final ChallengeSigner SIGNER =
      new ChallengeSigner("a test key that is long enough for HMAC".getBytes(StandardCharsets.UTF_8));

  @Test
  void drawsTwoOrThreeDistinctMovementsOneBlinkAndHoldStillFirst() {
    SplittableRandom random = new SplittableRandom(7);
    Set<Integer> movementCounts = new HashSet<>();
    Set<List<Prompt>> orders = new HashSet<>();
    boolean sawSweep = false;
    boolean sawNoSweep = false;
    for (int i = 0; i < 500; i++) {
      Challenge challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), random);
      List<Prompt> prompts = challenge.prompts().stream().map(PromptStep::prompt).toList();
      assertThat(prompts.get(0)).isEqualTo(Prompt.HOLD_STILL);
      assertThat(prompts.stream().filter(p -> p == Prompt.HOLD_STILL)).hasSize(1);
      assertThat(prompts.stream().filter(p -> p == Prompt.BLINK)).hasSize(1);
      List<Prompt> movements = challenge.movements();
      assertThat(movements).doesNotHaveDuplicates().hasSizeBetween(2, 3);
      movementCounts.add(movements.size());
      orders.add(movements);
      long sweeps = prompts.stream().filter(p -> p == Prompt.HAND_SWEEP).count();
      assertThat(sweeps).isLessThanOrEqualTo(1);
      sawSweep |= sweeps == 1;
      sawNoSweep |= sweeps == 0;
      assertThat(challenge.prompts().get(0).durationMs())
          .isEqualTo(challenge.colours().stream().mapToInt(ColourFlash::durationMs).sum());
    }
    assertThat(movementCounts).containsExactlyInAnyOrder(2, 3);
    assertThat(sawSweep).isTrue();
    assertThat(sawNoSweep).isTrue();
    // 4 directions: 12 ordered pairs and 24 ordered triples; a fair draw reaches nearly all
    assertThat(orders.size()).isGreaterThan(30);
  }

  @Test
  void coloursStayWithinThePaletteNeverRepeatBackToBackAndFlashAtMostThreeTimesASecond() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 500; i++) {
      List<ColourFlash> colours = ChallengeGenerator.drawColours(ChallengePolicy.standard(), random);
      assertThat(colours).hasSizeBetween(6, 10);
      for (int c = 0; c < colours.size(); c++) {
        assertThat(ChallengeGenerator.PALETTE).contains(colours.get(c).colour());
        assertThat(colours.get(c).durationMs()).isBetween(400, 700).isGreaterThanOrEqualTo(334);
        if (c > 0) {
          assertThat(colours.get(c).colour()).isNotEqualTo(colours.get(c - 1).colour());
        }
      }
    }
    assertThatThrownBy(() -> new ColourFlash("#ff0000", 300)).hasMessageContaining("3 flashes per second");
  }

  @Test
  void policiesRefuseFlashesFasterThanThreeASecond() {
    assertThatThrownBy(
            () -> new ChallengePolicy(2, 3, ChallengePolicy.Frequency.NEVER, 6, 10, 200, 700, 2500, 2500, 3000, null, 0))
        .hasMessageContaining("3 flashes per second");
  }

  @Test
  void signatureBindsTenantSessionExpiryAndChallenge() {
    UUID session = UUID.randomUUID();
    Instant expires = Instant.parse("2026-11-21T10:03:00Z");
    Challenge challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), new SplittableRandom(3));
    String signature = SIGNER.sign(TENANT, session, expires, challenge);

    assertThat(SIGNER.verify(TENANT, session, expires, challenge, signature)).isTrue();
    assertThat(SIGNER.verify(new TenantId(UUID.randomUUID()), session, expires, challenge, signature)).isFalse();
    assertThat(SIGNER.verify(TENANT, UUID.randomUUID(), expires, challenge, signature)).isFalse();
    assertThat(SIGNER.verify(TENANT, session, expires.plusSeconds(60), challenge, signature)).isFalse();
    assertThat(SIGNER.verify(TENANT, session, expires, swapFirstTwoActions(challenge), signature)).isFalse();
    assertThat(SIGNER.verify(TENANT, session, expires, challenge, tamper(signature))).isFalse();
    assertThat(SIGNER.verify(TENANT, session, expires, challenge, null)).isFalse();
    ChallengeSigner otherKey =
        new ChallengeSigner("another deployment's key, also long enough".getBytes(StandardCharsets.UTF_8));
    assertThat(otherKey.verify(TENANT, session, expires, challenge, signature)).isFalse();
  }

  @Test
  void refusesKeysShorterThan32Bytes() {
    assertThatThrownBy(() -> new ChallengeSigner(new byte[31])).hasMessageContaining("32 bytes");
  }

  @Test
  void expiresAtItsExpiryWithoutSleeping() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    SessionRecord session = session(SessionState.CAPTURING, clock.instant().plus(Duration.ofMinutes(3)));

    SessionService.requireOpen(session, clock.instant());
    clock.advance(Duration.ofMinutes(2).plusSeconds(59));
    SessionService.requireOpen(session, clock.instant());
    clock.advance(Duration.ofSeconds(1));
    assertThat(session.expiredAt(clock.instant())).isTrue();
    assertThatThrownBy(() -> SessionService.requireOpen(session, clock.instant()))
        .isInstanceOfSatisfying(
            BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SESSION_EXPIRED));
  }

  @Test
  void acceptsOneSubmissionOnly() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    for (SessionState done : List.of(SessionState.SUBMITTED, SessionState.ANALYSED)) {
      assertThatThrownBy(() -> SessionService.requireOpen(session(done, now.plusSeconds(60)), now))
          .isInstanceOfSatisfying(
              BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_SUBMITTED));
    }
    assertThatThrownBy(() -> SessionService.requireOpen(session(SessionState.EXPIRED, now.plusSeconds(60)), now))
        .isInstanceOfSatisfying(
            BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SESSION_EXPIRED));
  }

  @Test
  void refusesASubmissionWithAnotherSessionsSignatureOrATamperedChallenge() {
    Instant expires = Instant.parse("2026-11-21T10:03:00Z");
    SessionRecord mine = session(SessionState.CAPTURING, expires);
    SessionRecord other = session(SessionState.CAPTURING, expires);
    SessionService.checkChallengeSignature(mine, SIGNER, mine.challengeSignature());

    assertMismatch(() -> SessionService.checkChallengeSignature(mine, SIGNER, other.challengeSignature()));
    assertMismatch(() -> SessionService.checkChallengeSignature(mine, SIGNER, null));
    SessionRecord altered = withChallenge(mine, swapFirstTwoActions(mine.challenge()));
    assertMismatch(() -> SessionService.checkChallengeSignature(altered, SIGNER, mine.challengeSignature()));
  }

  private static void assertMismatch(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BonafideException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CHALLENGE_MISMATCH));
  }

  private static SessionRecord session(SessionState state, Instant expiresAt) {
    UUID id = UUID.randomUUID();
    Challenge challenge = ChallengeGenerator.draw(ChallengePolicy.standard(), new SplittableRandom(id.hashCode()));
    return new SessionRecord(
        id, TENANT, state, null, "standard", null, false, challenge, SIGNER.sign(TENANT, id, expiresAt, challenge),
        state != SessionState.CREATED, null, null, Map.of(), 0, null, List.of(), null,
        expiresAt.minus(Duration.ofMinutes(3)), expiresAt, null, null, null, null);
  }

  private static SessionRecord withChallenge(SessionRecord s, Challenge challenge) {
    return new SessionRecord(
        s.id(), s.tenant(), s.state(), s.outcome(), s.policy(), s.applicantReference(), s.record(), challenge,
        s.challengeSignature(), s.captureTokenRedeemed(), s.referenceEmbedding(), s.referenceSha256(), s.telemetry(),
        s.framesReceived(), s.frameCount(), s.reasons(), s.result(), s.createdAt(), s.expiresAt(),
        s.captureStartedAt(), s.submittedAt(), s.analysedAt(), s.retainUntil());
  }

  /** The same challenge with its first two actions after hold_still in the other order. */
  private static Challenge swapFirstTwoActions(Challenge challenge) {
    List<PromptStep> prompts = new ArrayList<>(challenge.prompts());
    PromptStep first = prompts.get(1);
    prompts.set(1, prompts.get(2));
    prompts.set(2, first);
    return new Challenge(prompts, challenge.colours());
  }

  private static String tamper(String signature) {
    char last = signature.charAt(signature.length() - 1);
    return signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A');
  }

  /** An {@link java.time.InstantSource} that moves only when told to. */
  static final class MutableClock implements java.time.InstantSource {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
