package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


class RehashOnUseTest {

    private final CoreFixture fixture = new CoreFixture(CoreFixture.config(10000, 30, 5, true));
    private final FakeHasher old = new FakeHasher("fake-old");
    private final FakeHasher current = new FakeHasher("fake-new");

    @AfterEach
    void close() {
        fixture.close();
    }

    private String storedAlgorithm(CreatedToken token) {
        return RankedHashers.algorithmOf(fixture.store.get(token.info().id()).hash());
    }

    @Test
    void aTokenUnderAnOlderAlgorithmIsReHashedOnceInTheBackground() {
        fixture.addHasher(old, 0);
        CreatedToken token = fixture.create(ALICE, "legacy");
        fixture.addHasher(current, 100);

        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
        assertEquals("fake-old", storedAlgorithm(token), "not on the request thread");
        assertEquals(1, fixture.rehashQueue.queued());
        fixture.service.cache().evictIf(e -> true);
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
        assertEquals(1, fixture.rehashQueue.queued(), "in flight: not scheduled twice");

        assertEquals(1, fixture.rehashQueue.runAll());
        assertEquals("fake-new", storedAlgorithm(token));
        assertEquals(1, fixture.store.replaceHashCalls.get());
        assertEquals(1, current.hashCalls.get());

        int oldVerifies = old.verifyCalls.get();
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
        assertEquals(1, current.verifyCalls.get(), "now verified by the new hasher (cache entry dropped)");
        assertEquals(oldVerifies, old.verifyCalls.get());
        assertEquals(0, fixture.rehashQueue.queued(), "up to date: no more re-hashing");
        assertEquals("fake-new", fixture.service.list(ALICE.key()).get(0).algorithm());
    }

    @Test
    void outdatedParametersOfTheDefaultHasherAreReHashed() {
        fixture.addHasher(current, 100);
        CreatedToken token = fixture.create(ALICE, "weak");
        current.minimumCost = 2; // the hasher says its hashes now need a higher cost
        assertTrue(fixture.service.authenticate(null, token.secret()).isSuccess());
        assertEquals(1, fixture.rehashQueue.runAll());
        assertEquals(1, fixture.store.replaceHashCalls.get());
    }

    @Test
    void aConcurrentChangeOfTheHashWinsOverTheReHash() {
        fixture.addHasher(old, 0);
        CreatedToken token = fixture.create(ALICE, "raced");
        fixture.addHasher(current, 100);
        assertTrue(fixture.service.authenticate(null, token.secret()).isSuccess());
        fixture.store.putHash(token.info().id(), current.hash(token.secret().getBytes()));
        String winner = fixture.store.get(token.info().id()).hash();
        fixture.rehashQueue.runAll();
        assertEquals(winner, fixture.store.get(token.info().id()).hash());
    }

    @Test
    void offByDefault() {
        CoreFixture defaults = new CoreFixture();
        try {
            defaults.addHasher(old, 0);
            CreatedToken token = defaults.create(ALICE, "legacy");
            defaults.addHasher(current, 100);
            assertTrue(defaults.service.authenticate(null, token.secret()).isSuccess());
            assertEquals(0, defaults.rehashQueue.queued());
            assertEquals(0, defaults.store.replaceHashCalls.get());
        } finally {
            defaults.close();
        }
    }
}
