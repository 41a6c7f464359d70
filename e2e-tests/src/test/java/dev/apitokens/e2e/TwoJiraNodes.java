package dev.apitokens.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * A Data Center cluster of two for end-to-end tests: two Jira distributions (two processes, each with its own data
 * directory and port) on ONE fresh PostgreSQL database, with the same users (one user besides the admin, with the address {@code <user>@example.org}). Node A
 * starts first and makes the tables; B gets A's users file and admin password. Skips the calling test when
 * PostgreSQL is unreachable, unless {@code CI=true}.
 */
final class TwoJiraNodes implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    final Distribution a;
    final Distribution b;

    private TwoJiraNodes(Distribution a, Distribution b) {
        this.a = a;
        this.b = b;
    }

    /**
     * Drops and creates {@code database}, starts node A with {@code configs} (PID to values) and the database,
     * adds {@code user} to it, and starts B the same way with A's users.
     */
    static TwoJiraNodes start(String database, String user, String password, Map<String, Map<String, String>> configs)
            throws Exception {
        freshDatabase(database);
        Distribution a = null;
        Distribution b = null;
        try {
            a = node(database, configs).start();
            a.addUser(user, password, user + "@example.org");
            b = node(database, configs).sameUsersAs(a).start();
            return new TwoJiraNodes(a, b);
        } catch (Exception | Error e) {
            new TwoJiraNodes(a, b).close();
            throw e;
        }
    }

    private static Distribution node(String database, Map<String, Map<String, String>> configs) {
        Distribution node = Distribution.of("jira");
        Map<String, Map<String, String>> all = new LinkedHashMap<>(configs);
        all.put("dev.apitokens.host.standalone.datasource", Map.of("url", SERVER + database, "user", "postgres",
                "dataSourceFactory.target", "(osgi.jdbc.driver.class=org.postgresql.Driver)"));
        all.forEach(node::config);
        return node;
    }

    /** A connection to {@code database} (the cluster's, or {@code postgres}) as the postgres user. */
    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(SERVER + database, "postgres", "");
    }

    /** Stops B, then A. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            if (a != null) {
                a.close();
            }
        }
    }

    private static void freshDatabase(String database) throws SQLException {
        Connection connection;
        try {
            DriverManager.setLoginTimeout(5);
            connection = connect("postgres");
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable on 127.0.0.1:5432 (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + ": required when CI=true");
            }
            Assumptions.abort(message + ": the two-node cluster test is skipped");
            return;
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }
}
