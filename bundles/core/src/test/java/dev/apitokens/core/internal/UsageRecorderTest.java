package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static dev.apitokens.core.internal.CoreFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


class UsageRecorderTest {

    private final CoreFixture fixture = new CoreFixture();
    private final CreatedToken alices;
    private final CreatedToken bobs;

    UsageRecorderTest() {
        fixture.addHasher(new FakeHasher("fake-a"), 0);
        alices = fixture.create(ALICE, "alice's");
        bobs = fixture.create(BOB, "bob's");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void authenticate(CreatedToken token, int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(fixture.service.authenticate(null, token.secret()).isSuccess());
            fixture.clock.advance(Duration.ofMillis(10));
        }
    }

    private static Map<String, TokenUsage> byId(List<TokenUsage> batch) {
        return batch.stream().collect(Collectors.toMap(TokenUsage::publicId, u -> u));
    }

    @Test
    void hundredAuthenticationsBecomeOneBatchOnFlush() {
        authenticate(alices, 100);
        authenticate(bobs, 3);
        Instant lastUse = fixture.clock.instant().minusMillis(10);
        assertEquals(List.of(), fixture.store.usageBatches, "no database write per request");

        assertEquals(2, fixture.service.flushUsage());
        assertEquals(1, fixture.store.usageBatches.size());
        Map<String, TokenUsage> batch = byId(fixture.store.usageBatches.get(0));
        assertEquals(100, batch.get(alices.info().id()).count());
        assertEquals(lastUse.minusMillis(30), batch.get(alices.info().id()).lastAccessed());
        assertEquals(3, batch.get(bobs.info().id()).count());
        assertEquals(lastUse, batch.get(bobs.info().id()).lastAccessed());

        assertEquals(100, fixture.service.list(ALICE.key()).get(0).usageCount());
        assertEquals(0, fixture.service.flushUsage(), "nothing pending: no store call");
        assertEquals(1, fixture.store.usageBatches.size());
    }

    @Test
    void refusedAuthenticationsAreNotCounted() {
        fixture.service.authenticate("bob", alices.secret());
        assertEquals(0, fixture.service.flushUsage());
        assertEquals(List.of(), fixture.store.usageBatches);
    }

    @Test
    void aFailedFlushKeepsTheUsesForTheNextOne() {
        authenticate(alices, 5);
        fixture.store.recordUsageFailures = 1;
        assertEquals(0, fixture.service.flushUsage());
        assertEquals(List.of(), fixture.store.usageBatches);
        authenticate(alices, 2);
        Instant lastUse = fixture.clock.instant().minusMillis(10);

        assertEquals(1, fixture.service.flushUsage());
        TokenUsage usage = fixture.store.usageBatches.get(0).get(0);
        assertEquals(7, usage.count());
        assertEquals(lastUse, usage.lastAccessed());
    }

    @Test
    void deactivationFlushes() {
        authenticate(bobs, 4);
        fixture.service.deactivate();
        assertEquals(1, fixture.store.usageBatches.size());
        assertEquals(4, fixture.store.usageBatches.get(0).get(0).count());
    }

    @Test
    void aUseThatFinishesAfterDeactivationIsStillWritten() {
        authenticate(bobs, 1);
        fixture.service.deactivate();
        authenticate(alices, 1); // a request that was already running when the service went away
        long alicesUses = fixture.store.usageBatches.stream().flatMap(List::stream)
                .filter(u -> u.publicId().equals(alices.info().id())).mapToLong(TokenUsage::count).sum();
        assertEquals(1, alicesUses, "no flush is scheduled any more, so the late use must be written at once");
    }

    @Test
    void theFlushRunsOnTheConfiguredSchedule() {
        assertEquals(5, fixture.scheduler.delay);
        assertEquals(5, fixture.scheduler.initialDelay);
        assertEquals(TimeUnit.SECONDS, fixture.scheduler.unit);
        authenticate(alices, 2);
        fixture.store.down = true;
        fixture.scheduler.periodicTask.run(); // a failing store must not kill the schedule with an exception
        fixture.store.down = false;
        fixture.scheduler.periodicTask.run();
        assertEquals(2, fixture.store.usageBatches.get(0).get(0).count());
    }

    @Test
    void concurrentUsesAreAllCounted() throws InterruptedException {
        UsageRecorder recorder = new UsageRecorder(fixture.store);
        Instant at = fixture.clock.instant();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2500; i++) {
                    recorder.record(alices.info().id(), at);
                    if (i % 500 == 0) {
                        recorder.flush();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        recorder.flush();
        long total = fixture.store.usageBatches.stream().flatMap(List::stream).mapToLong(TokenUsage::count).sum();
        assertEquals(10_000, total);
        assertEquals(0, recorder.pendingTokens());
    }

    @Test
    void concurrentUsesFromSeveralAddressesKeepEveryCountAndEachAddressOnce()
            throws InterruptedException {
        UsageRecorder recorder = new UsageRecorder(fixture.store);
        Instant start = fixture.clock.instant();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            String address = "10.0.0." + t;
            int thread = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2500; i++) {
                    // the latest use is thread 3's last, at start + 2502 ms
                    recorder.record(alices.info().id(), start.plusMillis(i + thread), address);
                    if (thread == 0 && i % 250 == 0) {
                        recorder.flush();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        fixture.store.recordUsageFailures = 1;
        recorder.flush(); // fails: the uses and addresses go back, and are written by the next flush
        recorder.flush();

        List<TokenUsage> usages = fixture.store.usageBatches.stream().flatMap(List::stream).toList();
        assertEquals(10_000, usages.stream().mapToLong(TokenUsage::count).sum());
        StoredToken stored = fixture.store.get(alices.info().id());
        assertEquals(10_000, stored.usageCount());
        assertEquals(start.plusMillis(2502), stored.lastAccessed());
        // under concurrency an address's time is the token's latest use when another address came after it
        assertEquals(List.of("10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3"),
                stored.lastAddresses().stream().map(UsedAddress::address).sorted().toList(),
                stored.lastAddresses().toString());
        assertEquals(start.plusMillis(2502), stored.lastAddresses().get(0).lastSeen());
        assertEquals(0, recorder.pendingTokens());
    }
}
