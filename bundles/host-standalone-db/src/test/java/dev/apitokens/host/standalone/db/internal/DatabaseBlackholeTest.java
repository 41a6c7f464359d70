package dev.apitokens.host.standalone.db.internal;

import dev.apitokens.hasher.tck.ComponentConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.testing.net.BlackholeProxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's pool against real PostgreSQL and MariaDB behind a {@link BlackholeProxy}: when the database stops
 * answering, calls fail within seconds (the store turns that into 503) instead of hanging their threads, and once it
 * answers again the same pool serves again by itself, without a restart.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS) // a regression hangs forever: fail instead
class DatabaseBlackholeTest {

    private static final long FAIL_BOUND_MILLIS = 15_000;

    @TempDir
    Path data;

    @Test
    void postgreSqlFailsFastWhileBlackholedAndRecoversByItself() throws Exception {
        PooledDataSourceTest.requireServer(5432, "PostgreSQL");
        try (BlackholeProxy proxy = new BlackholeProxy(5432)) {
            exercise("PostgreSQL", proxy, new PooledDataSource(data, PooledDataSourceTest.driverFactory(new org.postgresql.Driver()),
                    config("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test", "postgres")));
        }
    }

    @Test
    void mariaDbFailsFastWhileBlackholedAndRecoversByItself() throws Exception {
        PooledDataSourceTest.requireServer(3306, "MariaDB");
        try (BlackholeProxy proxy = new BlackholeProxy(3306)) {
            exercise("MariaDB", proxy, new PooledDataSource(data, new MariaDbDataSourceFactory(),
                    config("jdbc:mariadb://127.0.0.1:" + proxy.port() + "/test", "root")));
        }
    }

    private static void exercise(String name, BlackholeProxy proxy, PooledDataSource pool) throws Exception {
        try {
            assertEquals(42, query(pool));
            proxy.blackhole();
            // a connection in the pool (its check or its statement hangs) and a fresh one (its login hangs) alike
            long worst = 0;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThrows(SQLException.class, () -> query(pool));
                worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);
            }
            assertTrue(worst < FAIL_BOUND_MILLIS, name + ": a call hung " + worst + " ms");
            proxy.heal();
            long healed = System.nanoTime();
            long recovered = -1;
            while (System.nanoTime() - healed < 30_000_000_000L) {
                try {
                    if (query(pool) == 42) {
                        recovered = (System.nanoTime() - healed) / 1_000_000;
                        break;
                    }
                } catch (SQLException stillDown) {
                    Thread.sleep(100);
                }
            }
            System.out.println(name + " blackholed: calls failed after at most " + worst + " ms; after healing the"
                    + " same pool served again in " + recovered + " ms");
            assertTrue(recovered >= 0, name + ": the pool did not recover within 30 s of the database answering");
        } finally {
            pool.close();
        }
    }

    private static int query(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 41 + 1")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static PooledDataSource.Config config(String url, String user) {
        Map<String, Object> values = new HashMap<>();
        values.put("url", url);
        values.put("user", user);
        values.put("connectionTimeoutMillis", 3_000L);
        values.put("connectTimeoutSeconds", 2);
        values.put("socketTimeoutSeconds", 3);
        return ComponentConfig.of(PooledDataSource.Config.class, values);
    }
}
