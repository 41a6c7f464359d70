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
 * directory and port) on ONE fresh PostgreSQL or MariaDB database, with the same users (one user besides the admin,
 * with the address {@code <user>@example.org}). Node A starts first and makes the tables; B gets A's users file and
 * admin password. Skips the calling test when the database server is unreachable, unless {@code CI=true}.
 */
final class TwoJiraNodes implements AutoCloseable {

    /** The database servers of this machine and CI. */
    enum Server {
        POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/", "postgres", "org.postgresql.Driver",
                "postgres", " WITH (FORCE)"),
        MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/", "root", "org.mariadb.jdbc.Driver", "", "");

        final String title;
        /** The JDBC URL without a database name. */
        final String url;
        final String user;
        final String driverClass;
        /** The database to connect to for dropping and creating the cluster's. */
        final String adminDatabase;
        final String dropOptions;

        Server(String title, String url, String user, String driverClass, String adminDatabase, String dropOptions) {
            this.title = title;
            this.url = url;
            this.user = user;
            this.driverClass = driverClass;
            this.adminDatabase = adminDatabase;
            this.dropOptions = dropOptions;
        }

        Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(url + database, user, "");
        }
    }

    static final String SERVER = Server.POSTGRESQL.url;

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
        return start(Server.POSTGRESQL, database, user, password, configs);
    }

    /** As {@link #start(String, String, String, Map)}, on {@code server}. */
    static TwoJiraNodes start(Server server, String database, String user, String password,
            Map<String, Map<String, String>> configs) throws Exception {
        freshDatabase(server, database);
        Distribution a = null;
        Distribution b = null;
        try {
            a = node(server, database, configs).start();
            a.addUser(user, password, user + "@example.org");
            b = node(server, database, configs).sameUsersAs(a).start();
            return new TwoJiraNodes(a, b);
        } catch (Exception | Error e) {
            new TwoJiraNodes(a, b).close();
            throw e;
        }
    }

    private static Distribution node(Server server, String database, Map<String, Map<String, String>> configs) {
        Distribution node = Distribution.of("jira");
        Map<String, Map<String, String>> all = new LinkedHashMap<>(configs);
        all.put("dev.apitokens.host.standalone.datasource", Map.of("url", server.url + database, "user", server.user,
                "dataSourceFactory.target", "(osgi.jdbc.driver.class=" + server.driverClass + ")"));
        all.forEach(node::config);
        return node;
    }

    /** A connection to {@code database} (the cluster's, or {@code postgres}) as the postgres user. */
    static Connection connect(String database) throws SQLException {
        return Server.POSTGRESQL.connect(database);
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

    private static void freshDatabase(Server server, String database) throws SQLException {
        Connection connection;
        try {
            DriverManager.setLoginTimeout(5);
            connection = server.connect(server.adminDatabase);
        } catch (SQLException e) {
            String message = server.title + " is not reachable at " + server.url + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + ": required when CI=true");
            }
            Assumptions.abort(message + ": the two-node cluster test is skipped");
            return;
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + server.dropOptions);
            statement.execute("CREATE DATABASE " + database);
        }
    }
}
