package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static dev.apitokens.core.internal.CoreFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenScope;
import dev.apitokens.api.UsedAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import ch.qos.logback.classic.Level;
import dev.apitokens.api.AuthenticationResult.Reason;

/** Address restrictions, what a success carries for the filter, rotation with leak detection, rename, addresses. */
class TokenLifecycleTest {

    private final CoreFixture fixture = new CoreFixture();
    private final AuditTrailTest.RecordingEventAdmin events = new AuditTrailTest.RecordingEventAdmin();

    TokenLifecycleTest() {
        fixture.addHasher(new FakeHasher("fake-a"), 100);
        fixture.service.eventAdmin = events;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private CreatedToken create(TokenRequest request) {
        return fixture.service.create(ALICE.key(), request, ALICE.key());
    }

    private List<String> eventTypes() {
        return events.posted.stream().map(e -> (String) e.getProperty(AuditEvents.TYPE)).toList();
    }

    @Test
    void aSuccessCarriesScopeAndPathsForTheFilter() {
        CreatedToken token = create(new TokenRequest("ro", null, Set.of(TokenScope.READ), List.of("/rest/api"), null));
        AuthenticationResult result = fixture.service.authenticate("alice", token.secret(), "192.0.2.1");
        assertTrue(result.isSuccess());
        assertEquals(TokenScope.READ, result.scope());
        assertEquals(List.of("/rest/api"), result.allowedPaths());
        // and the same from the cache
        AuthenticationResult cached = fixture.service.authenticate("alice", token.secret(), "192.0.2.1");
        assertEquals(List.of(TokenScope.READ, List.of("/rest/api")), List.of(cached.scope(), cached.allowedPaths()));

        AuthenticationResult seed = fixture.service.authenticate(null, fixture.create(ALICE, "seed").secret());
        assertEquals(List.of(TokenScope.WRITE, List.of()), List.of(seed.scope(), seed.allowedPaths()));
    }

    @Test
    void anAddressOutsideTheAllowedIpsIsRefusedAndNotCounted() {
        CreatedToken token = create(new TokenRequest("office", null, null, null,
                List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.7")));
        for (String allowed : List.of("10.1.2.3", "2001:db8:0:0:0:0:0:5", "192.0.2.7", "[2001:db8::9]")) {
            assertTrue(fixture.service.authenticate("alice", token.secret(), allowed).isSuccess(), allowed);
        }
        fixture.log.clear();
        for (String refused : List.of("11.0.0.1", "192.0.2.8", "2001:db9::1", "::ffff:11.0.0.1", "garbage")) {
            AuthenticationResult result = fixture.service.authenticate("alice", token.secret(), refused);
            assertEquals(Reason.ADDRESS_NOT_ALLOWED, result.reason(), refused);
            assertEquals(token.info().id(), result.tokenId());
            assertEquals("invalid or expired token", result.reason().clientMessage());
            assertTrue(result.detail().contains(refused), result.detail());
        }
        assertEquals(Reason.ADDRESS_NOT_ALLOWED,
                fixture.service.authenticate("alice", token.secret()).reason(), "unknown address");
        assertTrue(fixture.log.messages(Level.INFO).isEmpty(), "no success line for a refused address");
        fixture.service.flushUsage();
        assertEquals(4, fixture.store.get(token.info().id()).usageCount());
    }

    @Test
    void theLastFiveDistinctAddressesAreWrittenWithTheUsageBatch() {
        CreatedToken token = fixture.create(ALICE, "roaming");
        for (int i = 1; i <= 7; i++) {
            fixture.clock.advance(Duration.ofSeconds(1));
            fixture.service.authenticate(null, token.secret(), "10.0.0." + i);
            fixture.service.authenticate(null, token.secret(), "10.0.0." + i);
        }
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.service.authenticate(null, token.secret(), "0:0:0:0:0:0:0:1");
        fixture.service.authenticate(null, token.secret(), "10.0.0.5");
        assertEquals(0, fixture.store.usageBatches.size(), "nothing is written per request");
        fixture.service.flushUsage();
        assertEquals(1, fixture.store.usageBatches.size());
        TokenInfo info = fixture.service.list(ALICE.key()).get(0);
        assertEquals(16, info.usageCount());
        assertEquals(List.of("10.0.0.5", "::1", "10.0.0.7", "10.0.0.6", "10.0.0.4"),
                info.lastAddresses().stream().map(UsedAddress::address).toList());
        assertEquals(fixture.clock.instant(), info.lastAddresses().get(0).lastSeen());
    }

    @Test
    void rotationHandsOnEverythingButTheSecretAndTheOldOneStopsAtOnce() {
        Instant expiry = fixture.clock.instant().plus(Duration.ofDays(10));
        CreatedToken old = fixture.service.create(ALICE.key(), new TokenRequest("CI", expiry, Set.of(TokenScope.READ),
                List.of("/rest"), List.of("10.0.0.0/8")), BOB.key());
        assertTrue(fixture.service.authenticate(null, old.secret(), "10.0.0.1").isSuccess()); // cached now
        fixture.clock.advance(Duration.ofDays(1));

        CreatedToken rotated = fixture.service.rotate(ALICE.key(), old.info().id()).orElseThrow();

        TokenInfo info = rotated.info();
        assertNotEquals(old.info().id(), info.id());
        assertNotEquals(old.secret(), rotated.secret());
        assertEquals(List.of("CI", expiry, Set.of(TokenScope.READ), List.of("/rest"), List.of("10.0.0.0/8"),
                BOB.key(), old.info().storeId()), List.of(info.label(), info.expiresAt(), info.scopes(),
                        info.allowedPaths(), info.allowedIps(), info.createdBy(), info.storeId()));
        assertTrue(fixture.service.authenticate(null, rotated.secret(), "10.0.0.1").isSuccess());
        assertEquals(List.of(info.id()), fixture.service.list(ALICE.key()).stream().map(TokenInfo::id).toList());
        Event event = events.posted.get(events.posted.size() - 1);
        assertEquals(AuditEvents.TOKEN_ROTATED, event.getProperty(AuditEvents.TYPE));
        assertEquals(info.id(), event.getProperty(AuditEvents.TOKEN_ID));
        assertEquals("rotated from " + old.info().id(), event.getProperty(AuditEvents.DETAIL));
        // the old secret was cached: it is refused at once (and, presented again, taken as leaked)
        assertEquals(Reason.UNKNOWN_TOKEN, fixture.service.authenticate(null, old.secret(), "10.0.0.1").reason());
        assertFalse(fixture.service.authenticate(null, rotated.secret(), "10.0.0.1").isSuccess());
    }

    @Test
    void onlyTheOwnerRotatesAndAnExpiredTokenCannotBe() {
        CreatedToken token = fixture.create(ALICE, "short", fixture.clock.instant().plusSeconds(60));
        assertEquals(Optional.empty(), fixture.service.rotate(BOB.key(), token.info().id()));
        assertEquals(Optional.empty(), fixture.service.rotate(ALICE.key(), "nonsense"));
        fixture.clock.advance(Duration.ofSeconds(61));
        InvalidTokenRequestException e = assertThrows(InvalidTokenRequestException.class,
                () -> fixture.service.rotate(ALICE.key(), token.info().id()));
        assertTrue(e.getMessage().contains("create a new token"), e.getMessage());
    }

    @Test
    void presentingARotatedAwaySecretAgainRevokesItsSuccessorsAndWarns() {
        CreatedToken first = fixture.create(ALICE, "leaky");
        CreatedToken second = fixture.service.rotate(ALICE.key(), first.info().id()).orElseThrow();
        CreatedToken third = fixture.service.rotate(ALICE.key(), second.info().id()).orElseThrow();
        assertTrue(fixture.service.authenticate(null, third.secret()).isSuccess()); // cached
        fixture.log.clear();

        AuthenticationResult replay = fixture.service.authenticate(null, first.secret(), "203.0.113.9");

        assertEquals(Reason.UNKNOWN_TOKEN, replay.reason());
        assertFalse(fixture.service.authenticate(null, third.secret()).isSuccess(), "the live successor is revoked");
        assertTrue(fixture.service.list(ALICE.key()).isEmpty());
        List<String> warnings = fixture.log.messages(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(first.info().id()) && warnings.get(0).contains(third.info().id())
                && warnings.get(0).contains("leaked"), warnings.get(0));
        assertEquals(AuditEvents.TOKEN_LEAK_DETECTED, eventTypes().get(eventTypes().size() - 1));
        // the family is forgotten: presented once more, it is just unknown
        fixture.log.clear();
        assertEquals(Reason.UNKNOWN_TOKEN, fixture.service.authenticate(null, second.secret()).reason());
        assertTrue(fixture.log.messages(Level.WARN).isEmpty());
    }

    @Test
    void aWrongSecretForARotatedAwayIdRevokesNothing() {
        CreatedToken first = fixture.create(ALICE, "guarded");
        CreatedToken second = fixture.service.rotate(ALICE.key(), first.info().id()).orElseThrow();
        // well-formed, carrying the rotated-away id (which logs show), but not its secret
        String body = TokenFormat.PREFIX + first.info().id() + "x".repeat(TokenFormat.SECRET_LENGTH);
        String forged = body + TokenFormat.checksum(body);
        fixture.log.clear();

        assertEquals(Reason.UNKNOWN_TOKEN, fixture.service.authenticate(null, forged).reason());

        assertTrue(fixture.service.authenticate(null, second.secret()).isSuccess());
        assertTrue(fixture.log.messages(Level.WARN).isEmpty());
    }

    @Test
    void renameChecksTheLabelAndTheOwner() {
        CreatedToken token = fixture.create(ALICE, "old");
        assertTrue(fixture.service.rename(ALICE.key(), token.info().id(), "  new name "));
        assertEquals("new name", fixture.service.list(ALICE.key()).get(0).label());
        assertFalse(fixture.service.rename(BOB.key(), token.info().id(), "bob's now"));
        assertThrows(InvalidTokenRequestException.class,
                () -> fixture.service.rename(ALICE.key(), token.info().id(), " "));
        assertThrows(InvalidTokenRequestException.class,
                () -> fixture.service.rename(ALICE.key(), token.info().id(), "x".repeat(256)));
        assertEquals("new name", fixture.service.list(ALICE.key()).get(0).label());
        assertEquals(AuditEvents.TOKEN_RENAMED, eventTypes().get(eventTypes().size() - 1));
    }

    @Test
    void findShowsOneTokenByItsId() {
        CreatedToken token = fixture.create(ALICE, "self");
        assertEquals(token.info().id(), fixture.service.find(token.info().id()).orElseThrow().id());
        assertEquals(Optional.empty(), fixture.service.find("nonsense"));
    }
}
