package dev.apitokens.store.ao;

import dev.apitokens.spi.StoredToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The paged scans of scheduled work over the token table (expiring tokens, unused tokens, the owners' keys): each
 * one statement, keyset-paged ({@code WHERE ID > ? ... ORDER BY ID LIMIT ?}), on indexed columns
 * ({@link TokenEntity}), so a run never holds the whole table in memory and deleting between pages is safe.
 */
final class TokenScans {

    private final TokenTable table;

    TokenScans(TokenTable table) {
        this.table = table;
    }

    List<StoredToken> expiring(Instant from, Instant to, long afterStoreId, int limit) throws SQLException {
        String expiry = table.column("EXPIRATION_DATE");
        List<Object> parameters = new ArrayList<>();
        String where = expiry + " < ?";
        parameters.add(to.toEpochMilli());
        if (from != null) {
            where = expiry + " >= ? AND " + where;
            parameters.add(0, from.toEpochMilli());
        }
        return tokens(where, parameters, afterStoreId, limit);
    }

    List<StoredToken> unusedSince(Instant before, long afterStoreId, int limit) throws SQLException {
        String lastAccessed = table.column("LAST_ACCESSED");
        String where = "(" + lastAccessed + " < ? OR (" + lastAccessed + " IS NULL AND " + table.column("CREATED")
                + " < ?))";
        return tokens(where, List.of(before.toEpochMilli(), before.toEpochMilli()), afterStoreId, limit);
    }

    List<String> userKeys(String afterUserKey, int limit) throws SQLException {
        String userKey = table.column("USER_KEY");
        String sql = "SELECT DISTINCT " + userKey + " FROM " + table.sqlTable
                + (afterUserKey == null ? "" : " WHERE " + userKey + " > ?") + " ORDER BY " + userKey + " LIMIT ?";
        try (Connection connection = table.dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            if (afterUserKey != null) {
                select.setString(index++, afterUserKey);
            }
            select.setInt(index, Math.max(1, limit));
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }

    private List<StoredToken> tokens(String where, List<Object> parameters, long afterStoreId, int limit)
            throws SQLException {
        String id = table.column("ID");
        String sql = "SELECT " + table.sqlColumns + " FROM " + table.sqlTable + " WHERE " + where + " AND " + id
                + " > ? ORDER BY " + id + " LIMIT ?";
        try (Connection connection = table.dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object parameter : parameters) {
                select.setObject(index++, parameter);
            }
            select.setLong(index++, afterStoreId);
            select.setInt(index, Math.max(1, limit));
            List<StoredToken> tokens = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tokens.add(TokenRows.fromRow(rows));
                }
            }
            return tokens;
        }
    }
}
