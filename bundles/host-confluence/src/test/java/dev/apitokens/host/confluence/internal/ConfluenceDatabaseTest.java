package dev.apitokens.host.confluence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ConfluenceDatabaseTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private static String databaseOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT DATABASE()")) {
            assertTrue(result.next());
            return result.getString(1);
        }
    }

    @Test
    void connectionsComeFromTheDataSourceConfluenceGivesActiveObjects() throws SQLException {
        ConfluenceDatabase database = new ConfluenceDatabase(() -> h2("confluence-main"));
        assertEquals("CONFLUENCE-MAIN", databaseOf(database));
        assertThrows(SQLException.class, () -> database.getConnection("sa", ""));
    }

    @Test
    void asksConfluenceOnEveryConnectionSoItFollowsTheHostsCurrentDataSource() throws SQLException {
        AtomicReference<DataSource> current = new AtomicReference<>(h2("confluence-before"));
        ConfluenceDatabase database = new ConfluenceDatabase(current::get);
        assertEquals("CONFLUENCE-BEFORE", databaseOf(database));
        current.set(h2("confluence-after"));
        assertEquals("CONFLUENCE-AFTER", databaseOf(database));
    }

    @Test
    void noDataSourceYetIsAnSqlErrorTheStoreReports() {
        ConfluenceDatabase database = new ConfluenceDatabase(() -> null);
        SQLException refused = assertThrows(SQLException.class, database::getConnection);
        assertTrue(refused.getMessage().contains("no data source"), refused.getMessage());
    }
}
