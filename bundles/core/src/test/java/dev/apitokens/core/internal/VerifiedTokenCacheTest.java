package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static dev.apitokens.core.internal.CoreFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.spi.LicenseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.apitokens.api.AuthenticationResult.Reason;
import dev.apitokens.core.internal.VerifiedTokenCache.Entry;

class VerifiedTokenCacheTest {

    private final CoreFixture fixture = new CoreFixture(); // defaults: 10000 entries, 30 s
    private final FakeHasher hasher = new FakeHasher("fake-a");
    private final CreatedToken token;

    VerifiedTokenCacheTest() {
        fixture.addHasher(hasher, 0);
        token = fixture.create(ALICE, "cached", fixture.clock.instant().plus(Duration.ofHours(1)));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void assertCostsStoreAndHash(int lookups, int verifies) {
        assertEquals(lookups, fixture.store.findByPublicIdCalls.get(), "store lookups");
        assertEquals(verifies, hasher.verifyCalls.get(), "hash verifications");
    }

    @Test
    void aHitSkipsStoreAndHash() {
        for (int i = 0; i < 50; i++) {
            assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
        }
        assertCostsStoreAndHash(1, 1);
        assertEquals(50, fixture.log.messages(ch.qos.logback.classic.Level.INFO).size(), "every use is logged");
    }

    @Test
    void aWrongSecretForACachedIdIsNotAHit() {
        fixture.service.authenticate("alice", token.secret());
        String wrong = TokenFormatTest.withChecksum(token.secret().substring(0, 20) + "7".repeat(22));
        assertEquals(Reason.WRONG_SECRET, fixture.service.authenticate("alice", wrong).reason());
        assertCostsStoreAndHash(2, 2);
    }

    @Test
    void aHitStillChecksExpiryUserOwnerAndLicense() {
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
        assertEquals(Reason.WRONG_USER, fixture.service.authenticate("bob", token.secret()).reason());

        fixture.users.put(new HostUser(ALICE.key(), "alice", "Alice", false, false));
        assertEquals(Reason.USER_INACTIVE, fixture.service.authenticate("alice", token.secret()).reason());
        fixture.users.put(ALICE);

        fixture.license.state = LicenseStatus.State.OVER_USER_TIER;
        assertEquals(Reason.NOT_LICENSED, fixture.service.authenticate("alice", token.secret()).reason());
        fixture.license.state = LicenseStatus.State.VALID;

        fixture.clock.advance(Duration.ofSeconds(29)); // still within the TTL
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
        assertCostsStoreAndHash(1, 1);

        CreatedToken shortLived = fixture.create(ALICE, "short", fixture.clock.instant().plusSeconds(10));
        assertTrue(fixture.service.authenticate(null, shortLived.secret()).isSuccess());
        fixture.clock.advance(Duration.ofSeconds(10));
        assertEquals(Reason.EXPIRED, fixture.service.authenticate(null, shortLived.secret()).reason());
        assertCostsStoreAndHash(2, 2);
    }

    @Test
    void entriesExpireAfterTheTtlSoOtherNodesRevocationsAreSeen() {
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
        fixture.store.delete(token.info().id()); // as another cluster node would, behind our back
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess(), "within the TTL");
        fixture.clock.advance(Duration.ofSeconds(30));
        assertEquals(Reason.UNKNOWN_TOKEN, fixture.service.authenticate("alice", token.secret()).reason());
        assertEquals(2, fixture.store.findByPublicIdCalls.get());
    }

    @Test
    void aHitIsRefusedOnceItsHasherIsUninstalled() {
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
        fixture.removeAllHashers();
        assertEquals(Reason.HASHER_MISSING, fixture.service.authenticate("alice", token.secret()).reason());
        fixture.addHasher(hasher, 0);
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
    }

    @Test
    void localRevocationsEvictAtOnce() {
        CreatedToken second = fixture.create(ALICE, "second");
        CreatedToken bobs = fixture.create(BOB, "bob's");
        for (CreatedToken t : new CreatedToken[] {token, second, bobs}) {
            assertTrue(fixture.service.authenticate(null, t.secret()).isSuccess());
        }
        assertEquals(3, fixture.service.cache().size());

        assertTrue(fixture.service.revoke(ALICE.key(), token.info().id()));
        assertEquals(Reason.UNKNOWN_TOKEN, fixture.service.authenticate(null, token.secret()).reason());

        assertTrue(fixture.service.revokeAny(bobs.info().id()));
        assertEquals(Reason.UNKNOWN_TOKEN, fixture.service.authenticate(null, bobs.secret()).reason());

        assertEquals(1, fixture.service.revokeAll(ALICE.key()));
        assertEquals(Reason.UNKNOWN_TOKEN, fixture.service.authenticate(null, second.secret()).reason());
        assertEquals(0, fixture.service.cache().size());
    }

    @Test
    void aVerificationThatRacedWithARevocationIsNotCached() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, Duration.ofSeconds(30));
        String key = cache.keyOf(token.secret());
        Entry entry = new Entry(token.info().id(), ALICE.key(), null, "$x", fixture.clock.instant());
        long before = cache.epoch();
        cache.evictIf(e -> e.publicId().equals(token.info().id())); // the revocation lands meanwhile
        cache.put(key, entry, before);
        assertNull(cache.get(key, fixture.clock.instant()));
        cache.put(key, entry, cache.epoch());
        assertNotNull(cache.get(key, fixture.clock.instant()));
    }

    @Test
    void keysAreKeyedDigestsNeverTheToken() throws Exception {
        VerifiedTokenCache one = new VerifiedTokenCache(10, Duration.ofSeconds(30));
        VerifiedTokenCache two = new VerifiedTokenCache(10, Duration.ofSeconds(30));
        String key = one.keyOf(token.secret());
        assertEquals(32, key.length(), "256 bits, one char per byte");
        assertTrue(key.chars().allMatch(c -> c < 256));
        assertFalse(key.contains(token.info().id()));
        assertEquals(key, one.keyOf(token.secret()));
        assertNotEquals(key, two.keyOf(token.secret()), "a random key per process");
        assertNotEquals(key, unkeyedSha256(token.secret()), "keyed, not a plain digest of the token");
        String other = fixture.create(ALICE, "other").secret();
        assertNotEquals(key, one.keyOf(other));
    }

    @Test
    void keysAreTheSameFromManyThreadsAtOnce() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, Duration.ofSeconds(30));
        String expected = cache.keyOf(token.secret());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        if (!expected.equals(cache.keyOf(token.secret()))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(), "the shared midstate is cloned, never updated");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String unkeyedSha256(String token) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return new String(hash, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theCacheIsBoundedLeastRecentlyUsedFirst() {
        VerifiedTokenCache cache = new VerifiedTokenCache(2, Duration.ofSeconds(30));
        Instant now = fixture.clock.instant();
        cache.put("a", new Entry("a", "u", null, "$x", now), cache.epoch());
        cache.put("b", new Entry("b", "u", null, "$x", now), cache.epoch());
        assertNotNull(cache.get("a", fixture.clock.instant())); // a is now the most recently used
        cache.put("c", new Entry("c", "u", null, "$x", now), cache.epoch());
        assertEquals(2, cache.size());
        assertNull(cache.get("b", fixture.clock.instant()));
        assertNotNull(cache.get("a", fixture.clock.instant()));
        assertNotNull(cache.get("c", fixture.clock.instant()));
    }

    @Test
    void sizeZeroTurnsTheCacheOff() {
        CoreFixture uncached = new CoreFixture(CoreFixture.config(0, 30, 5, false));
        try {
            FakeHasher counting = new FakeHasher("fake-a");
            uncached.addHasher(counting, 0);
            CreatedToken t = uncached.create(ALICE, "uncached");
            for (int i = 0; i < 3; i++) {
                assertTrue(uncached.service.authenticate(null, t.secret()).isSuccess());
            }
            assertEquals(3, uncached.store.findByPublicIdCalls.get());
            assertEquals(3, counting.verifyCalls.get());
            assertEquals(0, uncached.service.cache().size());
        } finally {
            uncached.close();
        }
    }
}
