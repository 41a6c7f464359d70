package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lease row on every database: one holder at a time, renewal by the holder, takeover after expiry, once-per-period
 * claims, and of many nodes racing for a free lease exactly one wins.
 */
class ClusterLeaseTest {

    private static final String PREFIX = "AO_0C1EA5";

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"H2_MEMORY", "POSTGRESQL", "MARIADB"})
    void oneHolderAtATimeRenewedByItTakenOverAfterExpiry(TestDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        database.dropTable(PREFIX + "_LEASE");
        try (ClusterLease a = ClusterLease.open(PREFIX, dataSource, "");
                ClusterLease b = ClusterLease.open(PREFIX, dataSource, "")) {
            assertEquals(PREFIX + "_LEASE", a.tableName());
            assertNull(a.holder("jobs"));
            assertTrue(a.acquire("jobs", "node-a", 1_000, 61_000), "a free lease is taken (row created)");
            assertFalse(b.acquire("jobs", "node-b", 2_000, 62_000), "held by another");
            assertTrue(a.acquire("jobs", "node-a", 30_000, 90_000), "renewed by its holder");
            assertFalse(b.acquire("jobs", "node-b", 80_000, 140_000), "the renewal counts");
            assertEquals(new ClusterLease.Holder("node-a", 90_000), b.holder("jobs"));
            assertTrue(b.acquire("jobs", "node-b", 90_001, 150_000), "taken over once expired");
            assertFalse(a.acquire("jobs", "node-a", 100_000, 160_000));
            b.release("jobs", "node-b");
            assertTrue(a.acquire("jobs", "node-a", 100_000, 160_000), "released: free at once");

            assertTrue(a.claimIfDue("daily", "node-a", 1_000, 86_401_000), "first claim creates the row");
            assertFalse(a.claimIfDue("daily", "node-a", 2_000, 86_402_000), "not due again, even for its holder");
            assertFalse(b.claimIfDue("daily", "node-b", 86_400_000, 172_800_000));
            assertTrue(b.claimIfDue("daily", "node-b", 86_401_001, 172_801_001), "due after the period");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"H2_MEMORY", "POSTGRESQL", "MARIADB"})
    void ofNodesRacingForAFreeLeaseExactlyOneWins(TestDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        database.dropTable(PREFIX + "_LEASE");
        int nodes = 8;
        List<ClusterLease> leases = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int i = 0; i < nodes; i++) {
                leases.add(ClusterLease.open(PREFIX, dataSource, ""));
            }
            for (int round = 0; round < 5; round++) {
                long now = round * 100_000L;
                String name = "race-" + round % 2; // rounds 0, 1 create the rows; later ones race on expired rows
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> won = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    ClusterLease lease = leases.get(i);
                    String node = "node-" + i;
                    won.add(pool.submit(() -> {
                        start.await();
                        return lease.acquire(name, node, now, now + 60_000);
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : won) {
                    winners += f.get() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round + ": exactly one node holds the lease");
            }
        } finally {
            pool.shutdownNow();
            leases.forEach(ClusterLease::close);
        }
    }
}
