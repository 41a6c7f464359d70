package dev.apitokens.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Jira distribution once more, on the PostgreSQL server of the machine (127.0.0.1:5432, user postgres) instead
 * of embedded H2, configured the way an operator does it: a {@code dev.apitokens.host.standalone.datasource.cfg}
 * in the data directory. It gets a database of its own, created fresh for the run, so it never meets tables of
 * other tests on the same server. Skipped when PostgreSQL is unreachable, unless {@code CI=true}.
 */
class JiraOnPostgresIT extends JiraLifecycleContract {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String DATABASE = "apitokens_e2e_jira";

    @Override
    Distribution distribution() throws SQLException {
        freshDatabase();
        return Distribution.of("jira").config("dev.apitokens.core", fastUsageFlush())
                .config("dev.apitokens.host.standalone.datasource", Map.of(
                        "url", SERVER + DATABASE,
                        "user", "postgres",
                        "dataSourceFactory.target", "(osgi.jdbc.driver.class=org.postgresql.Driver)"));
    }

    @Test
    void tokensAreStoredSaltedAndHashedInJirasTable() throws Exception {
        JsonNode created = createToken(admin, "stored in postgres");
        String id = created.path("id").asText();
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM \"AO_5D4005_TOKEN\"")) {
            boolean found = false;
            while (row.next()) {
                StringBuilder values = new StringBuilder();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    values.append(row.getString(column)).append('|');
                }
                assertTrue(!values.toString().contains(created.path("passwordValue").asText()),
                        "the secret is never stored");
                found |= values.toString().contains("|" + id + "|") || values.toString().startsWith(id + "|");
            }
            assertTrue(found, "token " + id + " in AO_5D4005_TOKEN");
        }
    }

    static void freshDatabase() throws SQLException {
        freshDatabase(DATABASE);
    }

    /** Drops and creates {@code database} on the machine's PostgreSQL; skips the test when it is unreachable. */
    static void freshDatabase(String database) throws SQLException {
        try (Connection connection = connectOrSkip(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private static Connection connectOrSkip() {
        try {
            DriverManager.setLoginTimeout(5);
            return DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable on 127.0.0.1:5432 (" + e.getMessage() + "): skipped";
            if ("true".equals(System.getenv("CI"))) {
                fail(message.replace("skipped", "required when CI=true"));
            }
            Assumptions.abort(message);
            return null;
        }
    }

    @Test
    void theDistributionReallyRunsOnPostgreSql() throws Exception {
        assertTrue(distribution.log().contains("Database jdbc:postgresql://127.0.0.1:5432/" + DATABASE),
                "the host's data source log line");
        assertEquals(false, java.nio.file.Files.exists(distribution.dataDir().resolve("db")), "no H2 database made");
    }
}
