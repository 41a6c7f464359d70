package dev.apitokens.benchmarks.store;

import dev.apitokens.api.TokenScope;
import dev.apitokens.spi.NewToken;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;

import dev.apitokens.benchmarks.DefaultConfiguration;
import dev.apitokens.store.ao.ActiveObjectsTokenStore;

/**
 * Times the Active Objects token store as the product uses it: {@code insert} for every row (Active Objects'
 * {@code create}, one row per transaction), and the two reads of every request and every profile page, the lookup
 * by public id and the per-user list, at 1,000 rows and again at the full size (default 1,000,000); then the
 * admin listing's pages with each filter and order ({@link AdminListingSamples}) at both sizes.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.apitokens.benchmarks.store.StoreBenchmark [h2|postgresql|mariadb ...]
 *     [-Drows=1000000] [-Dthreads=2] [-Dsamples=2000] [-DlistSamples=100] [-DlistingOnly=true]
 * </pre>
 *
 * H2 is a file database under {@code target/store-benchmark}; PostgreSQL is 127.0.0.1:5432/test (user postgres),
 * where the benchmark drops and recreates its own table {@code AO_BE0C4A_TOKEN}, and MariaDB is
 * 127.0.0.1:3306/test (user root), the same table. Both go through a pool of
 * {@code threads + 1} connections, as the host's pooled data source would.
 */
public final class StoreBenchmark {

    private static final String PREFIX = "AO_BE0C4A";
    private static final int TOKENS_PER_USER = 10;
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private final int rows = Integer.getInteger("rows", 1_000_000);
    private final int threads = Integer.getInteger("threads", 2);
    private final int samples = Integer.getInteger("samples", 2_000);
    private final int listSamples = Integer.getInteger("listSamples", 100);

    public static void main(String[] args) throws Exception {
        List<String> databases = args.length == 0 ? List.of("h2", "postgresql") : Arrays.asList(args);
        StoreBenchmark benchmark = new StoreBenchmark();
        for (String database : databases) {
            benchmark.run(database);
        }
    }

    private void run(String database) throws Exception {
        JdbcConnectionPool pool = BenchmarkDatabase.pool(database, threads + 1);
        if (Boolean.getBoolean("listingOnly")) {
            try {
                listingOnly(pool, database);
            } finally {
                pool.dispose();
            }
            return;
        }
        try {
            BenchmarkDatabase.execute(pool, "DROP TABLE IF EXISTS " + BenchmarkDatabase.quote(database, PREFIX + "_TOKEN"));
            ActiveObjectsTokenStore store = new ActiveObjectsTokenStore(PREFIX, pool,
                    DefaultConfiguration.of(ActiveObjectsTokenStore.Config.class));
            try {
                System.out.printf(Locale.ROOT, "%n== %s: %,d rows, %d insert threads, %,d samples per median%n",
                        database, rows, threads, samples);
                int small = Math.min(1_000, rows);
                double firstSeconds = insert(store, 0, small);
                System.out.printf(Locale.ROOT, "insert %,9d rows: %8.1f s%n", small, firstSeconds);
                markUsed(pool, database);
                measureReads(store, small);
                AdminListingSamples listing = new AdminListingSamples(store, CREATED, listSamples);
                listing.measure(small);
                double restSeconds = insert(store, small, rows);
                System.out.printf(Locale.ROOT, "insert %,9d rows: %8.1f s (%,.0f rows/s), all %,d rows: %.1f s%n",
                        rows - small, restSeconds, (rows - small) / restSeconds, rows, firstSeconds + restSeconds);
                markUsed(pool, database);
                measureReads(store, rows);
                listing.measure(rows);
            } finally {
                store.close();
            }
        } finally {
            pool.dispose();
        }
    }

    /**
     * {@code -DlistingOnly=true}: the admin listing samples again on the table a full run left (it is migrated by
     * the store first), after the database's statistics are brought up to date ({@code VACUUM ANALYZE} on
     * PostgreSQL, whose plans right after the bulk load and update may still use none).
     */
    private void listingOnly(JdbcConnectionPool pool, String database) throws Exception {
        ActiveObjectsTokenStore store = new ActiveObjectsTokenStore(PREFIX, pool,
                DefaultConfiguration.of(ActiveObjectsTokenStore.Config.class));
        try {
            String table = BenchmarkDatabase.quote(database, PREFIX + "_TOKEN");
            BenchmarkDatabase.execute(pool, switch (database) {
                case "postgresql" -> "VACUUM ANALYZE " + table;
                case "mariadb" -> "ANALYZE TABLE " + table;
                default -> "ANALYZE";
            });
            int size = (int) store.find(dev.apitokens.api.TokenQuery.firstPage(1)).total();
            System.out.printf(Locale.ROOT, "%n== %s: admin listing only, on the %,d rows there, statistics updated%n",
                    database, size);
            new AdminListingSamples(store, CREATED, listSamples).measure(size);
        } finally {
            store.close();
        }
    }

    /** Inserts rows {@code from} (inclusive) to {@code to} (exclusive) with the store's own insert; seconds. */
    private double insert(ActiveObjectsTokenStore store, int from, int to) throws Exception {
        AtomicLong next = new AtomicLong(from);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        store.insert(token(i));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void measureReads(ActiveObjectsTokenStore store, int size) {
        SplittableRandom random = new SplittableRandom(size);
        // warm-up: JIT, statement caches, the index pages the samples will touch
        for (int i = 0; i < samples / 2; i++) {
            store.findByPublicId(publicId(random.nextInt(size)));
            store.findByUser(userKey(random.nextInt(size)));
        }
        long[] lookups = new long[samples];
        long[] lists = new long[samples];
        for (int i = 0; i < samples; i++) {
            int row = random.nextInt(size);
            long start = System.nanoTime();
            if (store.findByPublicId(publicId(row)).isEmpty()) {
                throw new IllegalStateException("row " + row + " missing");
            }
            lookups[i] = System.nanoTime() - start;
            start = System.nanoTime();
            int listed = store.findByUser(userKey(row)).size();
            lists[i] = System.nanoTime() - start;
            if (listed == 0) {
                throw new IllegalStateException("user of row " + row + " has no tokens");
            }
        }
        System.out.printf(Locale.ROOT, "at %,9d rows: lookup by public id median %7.3f ms (p90 %7.3f), "
                + "per-user list (%d tokens) median %7.3f ms (p90 %7.3f)%n", size, BenchmarkDatabase.percentile(lookups, 50),
                BenchmarkDatabase.percentile(lookups, 90), Math.min(TOKENS_PER_USER, size), BenchmarkDatabase.percentile(lists, 50), BenchmarkDatabase.percentile(lists, 90));
    }

    /**
     * Row {@code n} is created at {@code CREATED + n} ms; three in four expire, {@code n % 1000} days after
     * {@link #CREATED} (so most of those have expired by now); one in twenty is read-only; see {@link #markUsed} for
     * the last use.
     */
    private static NewToken token(long row) {
        return new NewToken(publicId(row), userKey(row), "benchmark token " + row,
                "$hmac-sha256$v=1$c2FsdHNhbHRzYWx0c2FsdA$" + publicId(row) + publicId(row + 1), CREATED.plusMillis(row),
                row % 4 == 0 ? null : CREATED.plus(Duration.ofDays(row % 1000)),
                Set.of(row % 20 == 0 ? TokenScope.READ : TokenScope.WRITE), List.of(), List.of(), null);
    }

    /**
     * Two rows in three have been used, a day after their creation, in one statement (the write-behind's
     * per-token updates are not what is measured here).
     */
    private static void markUsed(DataSource table, String database) throws SQLException {
        java.util.function.UnaryOperator<String> q = identifier -> BenchmarkDatabase.quote(database, identifier);
        BenchmarkDatabase.execute(table, "UPDATE " + q.apply(PREFIX + "_TOKEN") + " SET " + q.apply("LAST_ACCESSED")
                + " = " + q.apply("CREATED") + " + " + Duration.ofDays(1).toMillis() + ", " + q.apply("USAGE_COUNT")
                + " = 1 WHERE " + q.apply("LAST_ACCESSED") + " IS NULL AND MOD(" + q.apply("ID") + ", 3) <> 0");
    }

    /** A random-looking but reproducible 22-character base62 id per row, as the core's ids are random. */
    private static String publicId(long row) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        SplittableRandom random = new SplittableRandom(row * 0x9E3779B97F4A7C15L);
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(id);
    }

    private static String userKey(long row) {
        return "JIRAUSER" + (row / TOKENS_PER_USER);
    }

    private StoreBenchmark() {
    }
}
