package dev.apitokens.benchmarks.store;

import dev.apitokens.api.AuditQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import java.sql.Connection;
import java.sql.PreparedStatement;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;

import dev.apitokens.store.ao.AuditLog;
import dev.apitokens.store.ao.AuditRecord;

/**
 * Times the audit listing ({@code GET /admin/audit}) as the audit bundle answers it, {@code AuditLog.find}: one
 * page of 50 newest first and the count of all matches, at 1,000 events and again at the full size (default
 * 1,000,000), unfiltered and with each filter. The first 1,000 events are stored one per transaction with Active
 * Objects, as the audit bundle stores them, the rest with batched INSERTs of the same rows: event {@code n} at
 * {@code T0 + n * 10} ms, about user {@code n / 10}, types in a fixed rotation.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.apitokens.benchmarks.store.AuditLogBenchmark [h2|postgresql ...]
 *     [-Devents=1000000] [-Dthreads=2] [-DlistSamples=100]
 * </pre>
 *
 * Its own table {@code AO_BE0C4A_AUDIT} is dropped and recreated; the databases are StoreBenchmark's.
 */
public final class AuditLogBenchmark {

    private static final String PREFIX = "AO_BE0C4A";
    private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final long STEP = 10;
    private static final String[] TYPES = {"TOKEN_CREATED", "TOKEN_CREATED", "TOKEN_CREATED", "TOKEN_REVOKED",
        "TOKEN_REVOKED_BY_ADMIN", "ALL_TOKENS_REVOKED", "TOKEN_PRUNED"};
    private static final int PAGE = 50;

    private final int events = Integer.getInteger("events", 1_000_000);
    private final int threads = Integer.getInteger("threads", 2);
    private final int samples = Integer.getInteger("listSamples", 100);

    public static void main(String[] args) throws Exception {
        List<String> databases = args.length == 0 ? List.of("h2", "postgresql") : Arrays.asList(args);
        AuditLogBenchmark benchmark = new AuditLogBenchmark();
        for (String database : databases) {
            benchmark.run(database);
        }
    }

    private void run(String database) throws Exception {
        JdbcConnectionPool pool = BenchmarkDatabase.pool(database, threads + 1);
        try {
            BenchmarkDatabase.execute(pool, "DROP TABLE IF EXISTS \"" + PREFIX + "_AUDIT\"");
            try (AuditLog log = AuditLog.open(PREFIX, pool, "")) {
                System.out.printf(Locale.ROOT, "%n== %s: %,d audit events, %d insert threads, %,d samples per median%n",
                        database, events, threads, samples);
                int small = Math.min(1_000, events);
                double first = append(log, 0, small);
                measure(log, small);
                System.out.printf(Locale.ROOT, "stored %,d events one per transaction with Active Objects in %.1f s "
                        + "(%,.0f events/s)%n", small, first, small / first);
                double rest = fill(pool, database, small, events);
                System.out.printf(Locale.ROOT, "added %,d events in JDBC batches in %.1f s%n", events - small, rest);
                measure(log, events);
            }
        } finally {
            pool.dispose();
        }
    }

    private double append(AuditLog log, int from, int to) throws Exception {
        AtomicLong next = new AtomicLong(from);
        long start = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(workers.submit(() -> {
                    for (long i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        log.append(event(i));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Adds events {@code from} to {@code to} with batched plain INSERTs (the same rows {@link #append} would store):
     * the audit bundle's one insert per event would take most of an hour for a million, and only the listing is
     * measured at that size.
     */
    private static double fill(DataSource pool, String database, int from, int to) throws Exception {
        String sql = "INSERT INTO \"" + PREFIX + "_AUDIT\" (\"CREATED\", \"TYPE\", \"ACTOR\", \"USER_KEY\", "
                + "\"TOKEN_ID\", \"DETAIL\") VALUES (?, ?, ?, ?, ?, ?)";
        long start = System.nanoTime();
        try (Connection connection = pool.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            for (int n = from; n < to; n++) {
                AuditRecord event = event(n);
                insert.setLong(1, event.created());
                insert.setString(2, event.type());
                insert.setString(3, event.actor());
                insert.setString(4, event.userKey());
                insert.setString(5, event.tokenId());
                insert.setString(6, event.detail());
                insert.addBatch();
                if ((n + 1 - from) % 5_000 == 0 || n == to - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            connection.setAutoCommit(true);
        }
        // the column statistics that autovacuum (PostgreSQL) or H2's automatic analysis would gather soon after such
        // a fill; without them H2 picked the single-column TYPE index and sorted every match (about 1 s a page)
        BenchmarkDatabase.execute(pool, (database.equals("postgresql") ? "ANALYZE \"" : "ANALYZE TABLE \"") + PREFIX
                + "_AUDIT\"");
        return (System.nanoTime() - start) / 1e9;
    }

    private static AuditRecord event(long n) {
        String user = "JIRAUSER" + (n / 10);
        String type = TYPES[(int) (n % TYPES.length)];
        return new AuditRecord(0, T0 + n * STEP, type, type.equals("TOKEN_PRUNED") ? null : user, user,
                "tok" + Long.toString(n, 36), type.equals("TOKEN_CREATED") ? "benchmark token " + n : null);
    }

    private void measure(AuditLog log, int size) {
        long window = Math.max(1, size / 100) * STEP;
        sample(log, size, "newest first, unfiltered", (r, n) -> new AuditQuery(null, null, null, null, 0, PAGE));
        sample(log, size, "one user", (r, n) -> new AuditQuery(user(r, n), null, null, null, 0, PAGE));
        sample(log, size, "one type (TOKEN_REVOKED, 1 in 7)",
                (r, n) -> new AuditQuery(null, "TOKEN_REVOKED", null, null, 0, PAGE));
        sample(log, size, "a 1% time window", (r, n) -> {
            long from = T0 + r.nextLong(Math.max(1, n - n / 100)) * STEP;
            return new AuditQuery(null, null, from, from + window, 0, PAGE);
        });
        sample(log, size, "one user and type", (r, n) -> new AuditQuery(user(r, n), "TOKEN_CREATED", null, null, 0, PAGE));
        sample(log, size, "page 100 (offset 4,950), unfiltered",
                (r, n) -> new AuditQuery(null, null, null, null, 99 * PAGE, PAGE));
    }

    private static String user(SplittableRandom random, int size) {
        return "JIRAUSER" + random.nextInt(Math.max(1, size / 10));
    }

    private void sample(AuditLog log, int size, String name, BiFunction<SplittableRandom, Integer, AuditQuery> queries) {
        ListingSamples timed = ListingSamples.take(size, name, samples, queries, log::find);
        System.out.printf(Locale.ROOT, "at %,9d events: audit listing %-36s median %8.3f ms (p90 %8.3f), "
                + "%,d matches on average%n", size, name, timed.median(), timed.p90(), timed.averageMatches());
    }

    private AuditLogBenchmark() {
    }
}
