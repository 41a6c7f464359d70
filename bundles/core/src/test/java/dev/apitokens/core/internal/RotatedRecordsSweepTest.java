package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;

/**
 * The records of rotated-away secrets are forgotten by pruning once their token is gone or expired, at most once
 * an hour, and after the retention when one is set.
 */
class RotatedRecordsSweepTest {

    private final CoreFixture fixture = new CoreFixture();

    RotatedRecordsSweepTest() {
        fixture.addHasher(new FakeHasher("fake"), null);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private CreatedToken rotate(CreatedToken token) {
        return fixture.service.rotate(ALICE.key(), token.info().id()).orElseThrow();
    }

    @Test
    void pruningForgetsTheRecordsOfGoneOrExpiredTokensOnceAnHour() {
        CreatedToken chainEnd = rotate(rotate(fixture.create(ALICE, "twice rotated")));
        CreatedToken live = rotate(fixture.create(ALICE, "rotated, still in use"));
        CreatedToken expiring = rotate(fixture.create(ALICE, "rotated, expires",
                fixture.clock.instant().plus(Duration.ofDays(1))));
        assertEquals(4, fixture.store.rotatedCount());
        fixture.service.revoke(ALICE.key(), chainEnd.info().id());
        fixture.clock.advance(Duration.ofDays(2)); // "expiring" has expired, nothing pruned it yet

        fixture.service.prune(fixture.create(ALICE, "pruned").info().id(), "test");

        assertEquals(1, fixture.store.rotatedCount(), "only the live token's record is left");
        fixture.service.revoke(ALICE.key(), live.info().id());
        fixture.clock.advance(Duration.ofMinutes(59));
        fixture.service.prune(fixture.create(ALICE, "pruned too").info().id(), "test");
        assertEquals(1, fixture.store.rotatedCount(), "not again within the hour");
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.service.prune("no-such-token", "test");
        assertEquals(0, fixture.store.rotatedCount());
        assertTrue(fixture.service.find(expiring.info().id()).isPresent(), "the sweep deletes no token");
    }

    @Test
    void aRetentionForgetsOldRecordsOfLiveTokensAndAFailedSweepIsRetried() {
        CreatedToken old = rotate(fixture.create(ALICE, "old rotation"));
        fixture.clock.advance(Duration.ofDays(10));
        CreatedToken recent = rotate(fixture.create(ALICE, "recent rotation"));
        fixture.clock.advance(Duration.ofSeconds(1));
        RotatedRecordsSweep sweep = new RotatedRecordsSweep(fixture.store, fixture.clock, 10);
        fixture.store.down = true;
        assertEquals(0, sweep.runIfDue());
        assertEquals(1, fixture.log.messages(Level.WARN).size());
        fixture.store.down = false;

        assertEquals(1, sweep.runIfDue(), "retried at once after a failure");

        assertEquals(1, fixture.store.rotatedCount());
        assertTrue(fixture.service.find(old.info().id()).isPresent() && fixture.service.find(recent.info().id())
                .isPresent());
    }
}
