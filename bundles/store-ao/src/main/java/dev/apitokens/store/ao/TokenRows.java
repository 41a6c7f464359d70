package dev.apitokens.store.ao;

import dev.apitokens.spi.StoredToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;


/** Converts rows of the token table, read by Active Objects or by plain JDBC, to {@link StoredToken}s. */
final class TokenRows {

    private TokenRows() {
    }

    static StoredToken fromEntity(TokenEntity entity) {
        return new StoredToken(entity.getID(), entity.getPublicId(), entity.getUserKey(), entity.getLabel(),
                entity.getHash(), Instant.ofEpochMilli(entity.getCreated()), instant(entity.getLastAccessed()),
                entity.getUsageCount(), instant(entity.getExpirationDate()));
    }

    /** Reads the current row of a select of {@link TokenTable#COLUMNS}. */
    static StoredToken fromRow(ResultSet row) throws SQLException {
        return new StoredToken(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), Instant.ofEpochMilli(row.getLong(6)), instant(nullableLong(row, 7)), row.getLong(8),
                instant(nullableLong(row, 9)));
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
