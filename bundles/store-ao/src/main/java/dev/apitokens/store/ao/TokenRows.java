package dev.apitokens.store.ao;

import dev.apitokens.api.TokenScope;
import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.StoredToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;


/**
 * Converts rows of the token table, read by Active Objects or by plain JDBC, to {@link StoredToken}s, and the
 * list columns to and from their text form: one entry per line ({@code ALLOWED_PATHS}, {@code ALLOWED_IPS}, whose
 * entries never hold a line break), {@code <epoch millis> <address>} per line for {@code LAST_ADDRESSES};
 * {@code null} for an empty list, so old rows and new unrestricted ones look alike.
 */
final class TokenRows {

    private TokenRows() {
    }

    static StoredToken fromEntity(TokenEntity entity) {
        return new StoredToken(entity.getID(), entity.getPublicId(), entity.getUserKey(), entity.getLabel(),
                entity.getHash(), Instant.ofEpochMilli(entity.getCreated()), instant(entity.getLastAccessed()),
                entity.getUsageCount(), instant(entity.getExpirationDate()), scopes(entity.getScopes()),
                lines(entity.getAllowedPaths()), lines(entity.getAllowedIps()), entity.getCreatedBy(),
                addresses(entity.getLastAddresses()));
    }

    /** Reads the current row of a select of {@link TokenTable#COLUMNS}. */
    static StoredToken fromRow(ResultSet row) throws SQLException {
        return new StoredToken(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), Instant.ofEpochMilli(row.getLong(6)), instant(nullableLong(row, 7)), row.getLong(8),
                instant(nullableLong(row, 9)), scopes(row.getString(10)), lines(row.getString(11)),
                lines(row.getString(12)), row.getString(13), addresses(row.getString(14)));
    }

    /** The scope column: its JSON name; an old row's {@code null}, or a name this version does not know, is write. */
    static Set<TokenScope> scopes(String column) {
        return Set.of(column == null ? TokenScope.WRITE : TokenScope.ofJsonName(column).orElse(TokenScope.WRITE));
    }

    static String scopesColumn(Set<TokenScope> scopes) {
        return TokenScope.of(scopes).jsonName();
    }

    static List<String> lines(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        return column.lines().filter(line -> !line.isBlank()).toList();
    }

    static String linesColumn(Collection<String> values) {
        return values == null || values.isEmpty() ? null : String.join("\n", values);
    }

    static List<UsedAddress> addresses(String column) {
        List<UsedAddress> addresses = new ArrayList<>();
        for (String line : lines(column)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                try {
                    addresses.add(new UsedAddress(line.substring(space + 1),
                            Instant.ofEpochMilli(Long.parseLong(line.substring(0, space)))));
                } catch (NumberFormatException e) {
                    // a damaged entry is only a hint lost, never a reason to fail reading the token
                }
            }
        }
        return addresses;
    }

    static String addressesColumn(List<UsedAddress> addresses) {
        if (addresses.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (UsedAddress address : addresses) {
            text.append(text.length() == 0 ? "" : "\n").append(address.lastSeen().toEpochMilli()).append(' ')
                    .append(address.address());
        }
        return text.toString();
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
