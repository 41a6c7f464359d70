package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.Revocation;
import dev.apitokens.spi.RevocationFeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store's revocation feed on every database: two stores on one database stand for two cluster nodes; what one
 * publishes the other's subscriber hears within a poll, and the log's ids, gaps and retention are handled.
 */
class RevocationFeedTest {

    private static final String PREFIX = "AO_0B0B0B";

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"H2_MEMORY", "POSTGRESQL", "MARIADB"})
    void aRevocationPublishedOnOneNodeReachesTheOtherWithinAPoll(TestDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        database.dropTable(PREFIX + "_REVOCATION");
        ActiveObjectsTokenStore nodeA = new ActiveObjectsTokenStore(PREFIX, dataSource, fastPolls());
        ActiveObjectsTokenStore nodeB = new ActiveObjectsTokenStore(PREFIX, dataSource, fastPolls());
        try {
            nodeA.publish(Revocation.ofToken("before-b-listened"));
            Heard heard = new Heard();
            try (RevocationFeed.Subscription subscription = nodeB.subscribe(heard)) {
                Thread.sleep(300); // B's first poll marks where it starts: what came before is not its business
                long published = System.nanoTime();
                nodeA.publish(Revocation.ofToken("tid-revoked"));
                nodeA.publish(Revocation.ofUser("user-gone"));
                List<Revocation> got = heard.take(2);
                long millis = (System.nanoTime() - published) / 1_000_000;
                assertEquals(List.of(Revocation.ofToken("tid-revoked"), Revocation.ofUser("user-gone")), got);
                assertTrue(millis < 2_000, "heard after " + millis + " ms with 50 ms polls");
                Thread.sleep(300);
                assertTrue(heard.revocations.isEmpty(), "each revocation is told once: " + heard.revocations);
                assertEquals(0, heard.missed.get());
            }
            nodeA.publish(Revocation.ofToken("after-close"));
            Thread.sleep(300);
            assertTrue(heard.revocations.isEmpty(), "a closed subscription hears nothing");
        } finally {
            nodeA.close();
            nodeB.close();
        }
    }

    /**
     * An id becomes visible when its insert commits, so id 3 may be read before id 2. The reader must not move
     * past 2 at once (it would never see it), but must not wait for it forever either (a rolled-back insert).
     */
    @Test
    void anIdThatCommitsLateIsStillDeliveredAndAGapIsGivenUpAfterTheGrace() throws Exception {
        TestDatabase database = TestDatabase.H2_MEMORY;
        database.dropTable(PREFIX + "_REVOCATION");
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        ActiveObjectsTokenStore store = new ActiveObjectsTokenStore(PREFIX, database.dataSource(), fastPolls());
        try {
            RevocationLog log = new RevocationLog(store::table);
            RevocationPoller poller = new RevocationPoller(log, idleExecutor(), Duration.ofMillis(50),
                    Duration.ofMinutes(10), Clock.systemUTC(), nanos::get);
            Heard heard = new Heard();
            poller.listen(heard);
            poller.poll(); // starts at the newest id: 0
            insert(database, 1, "tid-1");
            insert(database, 3, "tid-3");
            poller.poll();
            assertEquals(List.of("tid-1", "tid-3"), subjects(heard.take(2)));
            assertEquals(1, poller.floor(), "2 is missing: the floor waits below it");

            nanos.addAndGet(1_000_000_000L);
            insert(database, 2, "tid-2"); // committed late
            poller.poll();
            assertEquals(List.of("tid-2"), subjects(heard.take(1)), "the late row is delivered, the others not again");
            assertEquals(3, poller.floor());

            insert(database, 5, "tid-5"); // 4 never comes
            poller.poll();
            heard.take(1);
            assertEquals(3, poller.floor());
            nanos.addAndGet(RevocationPoller.GAP_GRACE.toNanos() + 1);
            poller.poll();
            assertEquals(5, poller.floor(), "after the grace the gap is given up");
            assertTrue(heard.revocations.isEmpty());
            poller.close();
        } finally {
            store.close();
        }
    }

    @Test
    void aReaderThatWasCutOffForHalfTheRetentionForgetsEverythingAndOldRowsArePruned() throws Exception {
        TestDatabase database = TestDatabase.H2_MEMORY;
        database.dropTable(PREFIX + "_REVOCATION");
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        ActiveObjectsTokenStore store = new ActiveObjectsTokenStore(PREFIX, database.dataSource(), fastPolls(),
                Clock.fixed(now.minus(Duration.ofMinutes(11)), ZoneOffset.UTC));
        try {
            RevocationPoller poller = new RevocationPoller(new RevocationLog(store::table), idleExecutor(),
                    Duration.ofMillis(50), Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC), nanos::get);
            Heard heard = new Heard();
            poller.listen(heard);
            poller.poll();
            store.publish(Revocation.ofToken("old")); // written 11 minutes before the poller's now
            nanos.addAndGet(Duration.ofMinutes(5).toNanos() + 1);
            poller.poll();
            assertEquals(1, heard.missed.get(), "five minutes unread of a ten-minute log: forget everything");
            assertTrue(heard.revocations.isEmpty(), "missed() stands for the revocations read with it");
            assertEquals(0, count(database), "a poll over a minute after the last prune deletes rows past retention");
            poller.close();
        } finally {
            store.close();
        }
    }

    private static ActiveObjectsTokenStore.Config fastPolls() {
        return StoreConfigs.with(Map.of("revocationPollMillis", 50));
    }

    /** The poller's executor, unused: {@code listen} does not start polling, the test calls {@code poll()}. */
    private static ScheduledExecutorService idleExecutor() {
        return Executors.newSingleThreadScheduledExecutor();
    }

    private static void insert(TestDatabase database, long id, String subject) throws SQLException {
        String table = database.quote(PREFIX + "_REVOCATION");
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + database.quote("ID")
                        + ", " + database.quote("KIND") + ", " + database.quote("SUBJECT") + ", "
                        + database.quote("CREATED") + ") VALUES (?, 'TOKEN', ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, subject);
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    private static long count(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM "
                        + database.quote(PREFIX + "_REVOCATION"))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> subjects(List<Revocation> revocations) {
        return revocations.stream().map(Revocation::subject).toList();
    }

    /** What a subscriber heard, in order. */
    private static final class Heard implements RevocationFeed.Listener {
        final LinkedBlockingQueue<Revocation> revocations = new LinkedBlockingQueue<>();
        final AtomicLong missed = new AtomicLong();

        @Override
        public void revoked(List<Revocation> list) {
            revocations.addAll(list);
        }

        @Override
        public void missed() {
            missed.incrementAndGet();
        }

        List<Revocation> take(int n) throws InterruptedException {
            List<Revocation> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Revocation next = revocations.poll(5, TimeUnit.SECONDS);
                if (next == null) {
                    throw new AssertionError("heard only " + out);
                }
                out.add(next);
            }
            return out;
        }
    }
}
