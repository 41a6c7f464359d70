package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenQuery.Sort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/**
 * H2's plans for the admin listing pages that read tokens without a last use or expiry: walked in the order of
 * the (column, ID) index, never sorted (at 1M rows H2 sorted a third of the table for "never used"), also on a
 * table that still has the single-column indexes of the development builds before them.
 */
class ListingPlanTest {

    private static final String PREFIX = "AO_0C0C0C";

    @Test
    void neverUsedAndTheTokensWithoutExpiryAreReadFromTheCompositeIndex() throws SQLException {
        TestDatabase database = TestDatabase.H2_MEMORY;
        DataSource dataSource = database.dataSource();
        database.dropTable(PREFIX + "_TOKEN");
        ActiveObjectsTokenStore store = new ActiveObjectsTokenStore(PREFIX, dataSource, StoreConfigs.defaults());
        store.close();
        // as the builds before the composite indexes left the table
        database.execute("CREATE INDEX \"index_ao_0c0c0c_tok_last_accessed\" ON \"" + PREFIX + "_TOKEN\"(\"LAST_ACCESSED\")");
        database.execute("CREATE INDEX \"index_ao_0c0c0c_tok_expiration_date\" ON \"" + PREFIX
                + "_TOKEN\"(\"EXPIRATION_DATE\")");
        database.execute("INSERT INTO \"" + PREFIX + "_TOKEN\" (\"PUBLIC_ID\", \"USER_KEY\", \"LABEL\", \"HASH\", "
                + "\"CREATED\", \"USAGE_COUNT\", \"LAST_ACCESSED\", \"EXPIRATION_DATE\") SELECT 'plan' || X, 'u' || "
                + "MOD(X, 100), 'l', 'h', X, 0, CASE WHEN MOD(X, 3) <> 0 THEN X END, CASE WHEN MOD(X, 4) <> 0 THEN X "
                + "END FROM SYSTEM_RANGE(1, 3000)");

        store = new ActiveObjectsTokenStore(PREFIX, dataSource, StoreConfigs.defaults());
        try {
            TokenTable table = store.table();
            List<String> plans = new ArrayList<>();
            plans.addAll(plans(dataSource, new TokenQuerySql(table, TokenQuery.firstPage(50).withUsed(false), 0)));
            plans.addAll(plans(dataSource, new TokenQuerySql(table, new TokenQuery(null, null, Sort.EXPIRES_DESC,
                    4950, 50), 0)).subList(0, 1));
            plans.addAll(plans(dataSource, new TokenQuerySql(table, new TokenQuery(null, null, Sort.LAST_USED_DESC,
                    0, 50), 0)).subList(1, 2));
            assertEquals(3, plans.size());
            for (String plan : plans) {
                assertTrue(plan.contains("/* index sorted */"), plan);
                assertFalse(plan.contains("_LAST_ACCESSED:") || plan.contains("_EXPIRATION_DATE:"),
                        "not the single-column index: " + plan);
            }
            assertEquals(1000, store.find(TokenQuery.firstPage(50).withUsed(false)).total());
        } finally {
            store.close();
        }
    }

    private static List<String> plans(DataSource dataSource, TokenQuerySql sql) throws SQLException {
        List<String> plans = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (TokenQuerySql.Part part : sql.parts) {
                try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + part.select())) {
                    int index = 1;
                    for (Object parameter : sql.parameters) {
                        explain.setObject(index++, parameter);
                    }
                    explain.setInt(index, 50);
                    explain.setInt(index + 1, 0);
                    try (ResultSet rows = explain.executeQuery()) {
                        rows.next();
                        plans.add(rows.getString(1).replace('\n', ' '));
                    }
                }
            }
        }
        return plans;
    }
}
