package dev.apitokens.benchmarks.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The databases the store benchmarks run on, each through a pool as the host's pooled data source would give:
 * H2 as a file under {@code target/store-benchmark}, PostgreSQL at 127.0.0.1:5432/test (user postgres; {@code
 * -Dpg.url}, {@code -Dpg.user}), MariaDB at 127.0.0.1:3306/test (user root; {@code -Dmariadb.url}).
 */
final class BenchmarkDatabase {

    private BenchmarkDatabase() {
    }

    static JdbcConnectionPool pool(String database, int connections) {
        JdbcConnectionPool pool;
        if (database.equals("postgresql")) {
            PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
            pg.setURL(System.getProperty("pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
            pg.setUser(System.getProperty("pg.user", "postgres"));
            pool = JdbcConnectionPool.create(pg);
        } else if (database.equals("mariadb")) {
            try {
                pool = JdbcConnectionPool.create(new MariaDbDataSource(
                        System.getProperty("mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test?user=root")));
            } catch (SQLException e) {
                throw new IllegalArgumentException("bad MariaDB URL: " + e.getMessage(), e);
            }
        } else if (database.equals("h2")) {
            Path file = Path.of("target", "store-benchmark", "tokens").toAbsolutePath();
            pool = JdbcConnectionPool.create("jdbc:h2:file:" + file, "sa", "");
        } else {
            throw new IllegalArgumentException("database must be h2, postgresql or mariadb, not " + database);
        }
        pool.setMaxConnections(connections);
        return pool;
    }

    /** An identifier quoted for this database. */
    static String quote(String database, String identifier) {
        return database.equals("mariadb") ? "`" + identifier + "`" : '"' + identifier + '"';
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The given percentile of nanosecond samples, in milliseconds. */
    static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }
}
