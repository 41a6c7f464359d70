package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


/**
 * Two installations on one database server: another schema (PostgreSQL) or database (MariaDB) already holds a
 * table of the same name with other columns. The store must create and use its own table, undisturbed.
 */
class SharedServerTest {

    private static final String PREFIX = "AO_0B0B0B";
    private static final String TABLE = PREFIX + "_TOKEN";

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"POSTGRESQL", "MARIADB", "MARIADB_MYSQL_DRIVER"})
    void ignoresTheSameTableInAnotherSchemaOrDatabase(TestDatabase database) throws SQLException {
        database.dataSource();
        String other = database == TestDatabase.POSTGRESQL ? "SCHEMA" : "DATABASE";
        database.execute("DROP " + other + " IF EXISTS apitokens_other" + (other.equals("SCHEMA") ? " CASCADE" : ""));
        database.execute("CREATE " + other + " apitokens_other");
        database.execute("CREATE TABLE apitokens_other." + database.quote(TABLE) + " (" + database.quote("ID")
                + " INT, " + database.quote("SOMETHING_ELSE") + " VARCHAR(10))");
        database.dropTable(TABLE);
        ActiveObjectsTokenStore store = new ActiveObjectsTokenStore(PREFIX, database.dataSource(),
                StoreConfigs.defaults());
        try {
            StoredToken stored = store.insert(new NewToken("tid-shared", "alice", "mine", "hash", Instant.EPOCH,
                    Instant.EPOCH.plusSeconds(1)));
            assertEquals(List.of(stored), store.findByUser("alice"));
        } finally {
            store.close();
            database.execute("DROP " + other + " apitokens_other" + (other.equals("SCHEMA") ? " CASCADE" : ""));
        }
    }
}
