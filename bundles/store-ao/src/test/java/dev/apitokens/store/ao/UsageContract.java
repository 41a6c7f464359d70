package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.apitokens.store.ao.ContractTokens.T0;
import static dev.apitokens.store.ao.ContractTokens.token;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * The usage part of the token store contract: counts added atomically, last-accessed only moving forward, the
 * last addresses, and a failing flush writing nothing.
 * Run through {@link TokenStoreContract}, once per {@link TestDatabase}.
 */
public interface UsageContract extends TokenStoreFixture {

    @Test
    default void keepsTheLastFiveDistinctAddressesWithTheUsageCount() {
        StoredToken a = store().insert(token("alice", "a"));
        StoredToken b = store().insert(token("alice", "b"));
        List<UsedAddress> first = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            first.add(new UsedAddress("10.0.0." + i, T0.plusSeconds(i)));
        }
        Collections.reverse(first);
        store().recordUsage(List.of(new TokenUsage(a.publicId(), 4, T0.plusSeconds(4), first),
                new TokenUsage(b.publicId(), 1, T0)));
        store().recordUsage(List.of(new TokenUsage(a.publicId(), 2, T0.plusSeconds(20),
                List.of(new UsedAddress("2001:db8::1", T0.plusSeconds(20)), new UsedAddress("10.0.0.2",
                        T0.plusSeconds(10)), new UsedAddress("10.0.0.9", T0.plusSeconds(9))))));
        StoredToken read = store().findByPublicId(a.publicId()).orElseThrow();
        assertEquals(6, read.usageCount());
        assertEquals(List.of(new UsedAddress("2001:db8::1", T0.plusSeconds(20)),
                new UsedAddress("10.0.0.2", T0.plusSeconds(10)), new UsedAddress("10.0.0.9", T0.plusSeconds(9)),
                new UsedAddress("10.0.0.4", T0.plusSeconds(4)), new UsedAddress("10.0.0.3", T0.plusSeconds(3))),
                read.lastAddresses());
        assertEquals(read.lastAddresses(), store().find(TokenQuery.firstPage(10)).items().get(0).lastAddresses());
        assertEquals(List.of(), store().findByPublicId(b.publicId()).orElseThrow().lastAddresses());
    }

    @Test
    default void recordsUsageAddingCountsAndKeepingTheLatestTime() {
        StoredToken a = store().insert(token("alice", "a"));
        StoredToken b = store().insert(token("alice", "b"));
        store().recordUsage(List.of(new TokenUsage(a.publicId(), 3, T0.plusSeconds(100)),
                new TokenUsage(a.publicId(), 2, T0.plusSeconds(50)), new TokenUsage("deleted-meanwhile", 5, T0)));
        store().recordUsage(List.of(new TokenUsage(a.publicId(), 1, T0.plusSeconds(70)),
                new TokenUsage(b.publicId(), 4, T0.plusMillis(1))));
        store().recordUsage(List.of());

        StoredToken usedA = store().findByPublicId(a.publicId()).orElseThrow();
        assertEquals(6, usedA.usageCount());
        assertEquals(T0.plusSeconds(100), usedA.lastAccessed(), "an older use never moves last-accessed back");
        StoredToken usedB = store().findByPublicId(b.publicId()).orElseThrow();
        assertEquals(4, usedB.usageCount());
        assertEquals(T0.plusMillis(1), usedB.lastAccessed());
    }

    @Test
    default void concurrentUsageFlushesLoseNoIncrement() throws Exception {
        StoredToken a = store().insert(token("alice", "busy a"));
        StoredToken b = store().insert(token("bob", "busy b"));
        int threads = 6;
        int flushes = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int node = thread;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < flushes; i++) {
                        // opposite orders on alternate "nodes", as two cluster nodes would send them
                        List<TokenUsage> flush = new ArrayList<>(List.of(new TokenUsage(a.publicId(), 1,
                                T0.plusMillis(node * 1000L + i)), new TokenUsage(b.publicId(), 2, T0.plusMillis(i))));
                        if (node % 2 == 1) {
                            Collections.reverse(flush);
                        }
                        store().recordUsage(flush);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * flushes, store().findByPublicId(a.publicId()).orElseThrow().usageCount());
        assertEquals(2L * threads * flushes, store().findByPublicId(b.publicId()).orElseThrow().usageCount());
        assertEquals(T0.plusMillis((threads - 1) * 1000L + flushes - 1),
                store().findByPublicId(a.publicId()).orElseThrow().lastAccessed());
    }

    @Test
    default void aFailingUsageFlushWritesNothing() {
        ActiveObjectsTokenStore oneByOne = openStore(StoreConfigs.with(Map.of("usageBatchSize", 1)));
        try {
            StoredToken a = store().insert(token("alice", "a"));
            StoredToken b = store().insert(token("alice", "b"));
            oneByOne.recordUsage(List.of(new TokenUsage(b.publicId(), 1, T0)));
            // b's counter overflows BIGINT in the second batch; a's update in the first must be rolled back
            assertThrows(RuntimeException.class, () -> oneByOne.recordUsage(List.of(
                    new TokenUsage(a.publicId(), 5, T0), new TokenUsage(b.publicId(), Long.MAX_VALUE, T0))));
            assertEquals(0, store().findByPublicId(a.publicId()).orElseThrow().usageCount());
            assertEquals(1, store().findByPublicId(b.publicId()).orElseThrow().usageCount());
        } finally {
            oneByOne.close();
        }
    }
}
