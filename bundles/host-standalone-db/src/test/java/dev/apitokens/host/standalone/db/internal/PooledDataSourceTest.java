package dev.apitokens.host.standalone.db.internal;

import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.host.data.DataDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.jdbc.DataSourceFactory;

/** The host's pooled DataSource on the embedded H2 default and on the PostgreSQL and MariaDB servers of the machine. */
class PooledDataSourceTest {

    @TempDir
    Path data;

    @Test
    void defaultsToAnEmbeddedH2FileDatabaseInTheDataDirectory() throws Exception {
        PooledDataSource pool = new PooledDataSource(data, driverFactory(new org.h2.Driver()), config(Map.of()));
        try {
            assertEquals("H2", roundTrip(pool));
        } finally {
            pool.close();
        }
        assertTrue(Files.exists(data.resolve("db/apitokens.mv.db")), "H2 file under <data>/db");
    }

    @Test
    void anUnreachableDatabaseDoesNotStopTheServiceButFailsEachCallFast() throws Exception {
        PooledDataSource pool = new PooledDataSource(data, driverFactory(new org.postgresql.Driver()),
                config(Map.of("url", "jdbc:postgresql://127.0.0.1:1/none", "connectionTimeoutMillis", 500L)));
        try {
            long start = System.nanoTime();
            assertThrows(SQLException.class, pool::getConnection);
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "bounded by the connection timeout");
        } finally {
            pool.close();
        }
    }

    @Test
    void connectsToPostgreSql() throws Exception {
        requireServer(5432, "PostgreSQL");
        PooledDataSource pool = new PooledDataSource(data, driverFactory(new org.postgresql.Driver()),
                config(Map.of("url", "jdbc:postgresql://127.0.0.1:5432/test", "user", "postgres")));
        try {
            assertEquals("PostgreSQL", roundTrip(pool));
        } finally {
            pool.close();
        }
    }

    @Test
    void connectsToMariaDbThroughTheHostsOwnFactory() throws Exception {
        requireServer(3306, "MariaDB");
        PooledDataSource pool = new PooledDataSource(data, new MariaDbDataSourceFactory(),
                config(Map.of("url", "jdbc:mariadb://127.0.0.1:3306/test", "user", "root")));
        try {
            assertTrue(roundTrip(pool).contains("MariaDB"));
        } finally {
            pool.close();
        }
        DataSource plain = new MariaDbDataSourceFactory().createDataSource(props("jdbc:mariadb://127.0.0.1:3306/test"));
        try (Connection connection = plain.getConnection()) {
            assertTrue(connection.isValid(2));
        }
    }

    @Test
    void logsUrlsWithoutTheirParameters() {
        assertEquals("jdbc:postgresql://db:5432/jira",
                JdbcUrl.withoutParameters("jdbc:postgresql://db:5432/jira?user=u&password=secret"));
        assertEquals("jdbc:h2:file:/x/db", JdbcUrl.withoutParameters("jdbc:h2:file:/x/db;PASSWORD=secret"));
        assertFalse(PooledDataSource.embeddedH2(Path.of("/d")).contains("AUTO_SERVER=TRUE"));
    }

    private static String roundTrip(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT 41 + 1")) {
                assertTrue(result.next());
                assertEquals(42, result.getInt(1));
            }
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    static void requireServer(int port, String name) {
        boolean up;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            up = true;
        } catch (java.io.IOException e) {
            up = false;
        }
        if (!up && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(name + " is not reachable on 127.0.0.1:" + port + " (CI=true: required)");
        }
        assumeTrue(up, name + " is not reachable on 127.0.0.1:" + port + ": skipped");
    }

    private static Properties props(String url) {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        properties.setProperty(DataSourceFactory.JDBC_USER, "root");
        return properties;
    }

    private static PooledDataSource.Config config(Map<String, Object> values) {
        return ComponentConfig.of(PooledDataSource.Config.class, new HashMap<>(values));
    }

    /** What a driver bundle registers: a factory handing out its driver. */
    static DataSourceFactory driverFactory(Driver driver) {
        return new DataSourceFactory() {
            @Override
            public Driver createDriver(Properties props) {
                return driver;
            }

            @Override
            public DataSource createDataSource(Properties props) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ConnectionPoolDataSource createConnectionPoolDataSource(Properties props) {
                throw new UnsupportedOperationException();
            }

            @Override
            public XADataSource createXADataSource(Properties props) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
