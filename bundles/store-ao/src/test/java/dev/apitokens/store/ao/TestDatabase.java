package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;

import com.mysql.cj.jdbc.MysqlDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases every token store is tested on. PostgreSQL and MariaDB are the servers DEVELOPERS.md describes
 * (127.0.0.1, database {@code test}); when one is unreachable its tests are skipped with a message, unless the
 * environment variable {@code CI} is {@code true}: then they fail.
 */
public enum TestDatabase {

    H2_MEMORY("H2 in memory", 0) {
        @Override
        DataSource create(int port) {
            return JdbcConnectionPool.create("jdbc:h2:mem:tokens;DB_CLOSE_DELAY=-1", "sa", "");
        }
    },

    H2_FILE("H2 file", 0) {
        @Override
        DataSource create(int port) {
            // under the module's target/, which surefire runs in
            Path file = Path.of("target", "h2", "tokens").toAbsolutePath();
            return JdbcConnectionPool.create("jdbc:h2:file:" + file, "sa", "");
        }
    },

    POSTGRESQL("PostgreSQL 127.0.0.1:5432/test", 5432) {
        @Override
        DataSource create(int port) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setServerNames(new String[] {"127.0.0.1"});
            dataSource.setPortNumbers(new int[] {port});
            dataSource.setDatabaseName("test");
            dataSource.setUser("postgres");
            dataSource.setConnectTimeout(3);
            return dataSource;
        }
    },

    MARIADB("MariaDB 127.0.0.1:3306/test", 3306) {
        @Override
        DataSource create(int port) throws SQLException {
            return new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + port + "/test?user=root&connectTimeout=3000");
        }

        @Override
        String quote(String identifier) {
            return "`" + identifier + "`";
        }
    },

    /** The same server through MySQL's own driver, which reports the product as "MySQL". */
    MARIADB_MYSQL_DRIVER("MariaDB 127.0.0.1:3306/test via MySQL Connector/J", 3306) {
        @Override
        DataSource create(int port) {
            MysqlDataSource dataSource = new MysqlDataSource();
            dataSource.setUrl("jdbc:mysql://127.0.0.1:" + port + "/test?user=root&connectTimeout=3000");
            return dataSource;
        }

        @Override
        String quote(String identifier) {
            return "`" + identifier + "`";
        }
    };

    private static final Map<TestDatabase, DataSource> OPEN = new EnumMap<>(TestDatabase.class);

    private final String description;
    private final int port;

    TestDatabase(String description, int port) {
        this.description = description;
        this.port = port;
    }

    /** A data source for this database served on {@code port} (a server's own port, or a proxy's). */
    abstract DataSource create(int port) throws SQLException;

    /** The server's TCP port; 0 for embedded H2. */
    int port() {
        return port;
    }

    String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /**
     * The database's data source, checked to answer; skips the calling test (or fails it on CI) when the server
     * cannot be reached.
     */
    public synchronized DataSource dataSource() {
        DataSource open = OPEN.get(this);
        if (open != null) {
            return open;
        }
        try {
            DataSource dataSource = create(port);
            try (Connection connection = dataSource.getConnection()) {
                connection.isValid(3);
            }
            OPEN.put(this, dataSource);
            return dataSource;
        } catch (SQLException e) {
            String message = description + " is not reachable (" + e.getMessage() + "); see DEVELOPERS.md to start it";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + ". CI=true: database tests must run.", e);
            }
            Assumptions.abort(message + ". Skipped; with CI=true this fails.");
            throw new AssertionError("unreachable");
        }
    }

    /** Removes a table (and with it its indexes and sequences) so that a run starts from nothing. */
    public void dropTable(String table) throws SQLException {
        execute("DROP TABLE IF EXISTS " + quote(table));
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
