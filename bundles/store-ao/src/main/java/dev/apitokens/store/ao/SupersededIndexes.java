package dev.apitokens.store.ao;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.java.ao.DatabaseProvider;

/**
 * Drops the single-column indexes on {@code LAST_ACCESSED} and {@code EXPIRATION_DATE} that builds before the
 * {@code (column, ID)} indexes ({@link TokenEntity}) created. Active Objects' migration adds indexes but leaves
 * ones it no longer declares, and with both present H2 picks the single-column one and sorts every match. Found
 * by their columns in the JDBC metadata, whatever their names; a failed drop (another node dropped it first) is
 * logged and ignored: the listing is then only slower.
 */
final class SupersededIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(SupersededIndexes.class);
    private static final Set<String> SUPERSEDED = Set.of("LAST_ACCESSED", "EXPIRATION_DATE");

    private SupersededIndexes() {
    }

    static void drop(Connection connection, DatabaseDialect dialect, DatabaseDialect.SchemaScope scope,
            DatabaseProvider provider, String table) throws SQLException {
        Map<String, List<String>> columnsByIndex = new LinkedHashMap<>();
        try (ResultSet indexes = connection.getMetaData().getIndexInfo(scope.catalog(), scope.schema(), table, false,
                false)) {
            while (indexes.next()) {
                String name = indexes.getString("INDEX_NAME");
                String column = indexes.getString("COLUMN_NAME");
                if (name != null && column != null) {
                    columnsByIndex.computeIfAbsent(name, n -> new ArrayList<>()).add(column.replace("\"", ""));
                }
            }
        }
        String q = connection.getMetaData().getIdentifierQuoteString().trim();
        for (Map.Entry<String, List<String>> index : columnsByIndex.entrySet()) {
            List<String> columns = index.getValue();
            if (columns.size() != 1 || !SUPERSEDED.contains(columns.get(0))) {
                continue;
            }
            String name = q + index.getKey() + q;
            String sql = dialect == DatabaseDialect.MYSQL ? "DROP INDEX " + name + " ON " + provider.withSchema(table)
                    : "DROP INDEX " + (scope.schema() == null ? "" : q + scope.schema() + q + ".") + name;
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
                LOG.info("Dropped index {} on {}.{}: superseded by the index on ({}, ID)", index.getKey(), table,
                        columns.get(0), columns.get(0));
            } catch (SQLException e) {
                LOG.info("Could not drop the superseded index {} on {} (another node may have): {}", index.getKey(),
                        table, e.getMessage());
            }
        }
    }
}
