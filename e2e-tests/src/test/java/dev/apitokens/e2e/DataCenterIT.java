package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The cluster of two on ONE PostgreSQL database ({@link DataCenterContract}), and what the nodes send the database,
 * counted by PostgreSQL's statistics.
 */
class DataCenterIT extends DataCenterContract {

    private static final String DATABASE = "apitokens_e2e_dc";

    DataCenterIT() {
        super(TwoJiraNodes.Server.POSTGRESQL, DATABASE);
    }

    /**
     * What the two nodes send the database: transactions (every statement outside one is one) counted by PostgreSQL
     * for the cluster's database, idle and while node A answers token requests. Printed, not asserted beyond a
     * sanity bound: the figure belongs in the README.
     */
    @Test
    void theDatabaseLoadOfTheRevocationFeedIsAFewQueriesPerSecondPerNode() throws Exception {
        JsonNode created = createToken(restA, alice, "load");
        String token = basic(USER, created.path("passwordValue").asText());
        assertEquals(200, restA.get("/rest/api/2/myself", token).status());
        Thread.sleep(11_000); // PostgreSQL's backends report their counts at least every 10 s when idle
        double idle = transactionsPerSecond(Duration.ofSeconds(10), () -> { });
        AtomicLong requests = new AtomicLong();
        double loaded = transactionsPerSecond(Duration.ofSeconds(10), () -> {
            try {
                if (restA.get("/rest/api/2/myself", token).status() == 200) {
                    requests.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double requestsPerSecond = requests.get() / 10.0;
        System.out.printf("DataCenterIT: database transactions per second, both nodes: idle %.1f (%.1f per node); "
                + "with node A serving %.0f token requests/s: %.1f (node A about %.1f)%n", idle, idle / 2,
                requestsPerSecond, loaded, loaded - idle / 2);
        assertTrue(idle / 2 < 20, "an idle node sends " + idle / 2 + " transactions per second");
        assertTrue(loaded - idle / 2 < 40, "under load node A sends " + (loaded - idle / 2)
                + " transactions per second: the request path must not read the database");
    }

    /** Transactions per second committed in the cluster's database while {@code work} runs in a loop on 4 threads. */
    private static double transactionsPerSecond(Duration window, Runnable work) throws Exception {
        long before = transactions();
        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                threads.submit(() -> {
                    while (System.nanoTime() - start < window.toNanos()) {
                        work.run();
                        if (Thread.interrupted()) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(window.toMillis());
        } finally {
            threads.shutdownNow();
        }
        Thread.sleep(11_000); // until every backend reported
        long after = transactions();
        return (after - before) / (double) window.toSeconds();
    }

    /** Commits and rollbacks of the cluster's database so far, minus this measuring connection's own. */
    private static long transactions() throws SQLException {
        try (Connection connection = TwoJiraNodes.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT xact_commit + xact_rollback FROM "
                        + "pg_stat_database WHERE datname = '" + DATABASE + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
