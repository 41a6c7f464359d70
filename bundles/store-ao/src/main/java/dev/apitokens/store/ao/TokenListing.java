package dev.apitokens.store.ao;

import dev.apitokens.api.Page;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.spi.StoredToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of the admin listing with the statements of a {@link TokenQuerySql}: the count of all matches,
 * then the page from the listing's parts laid end to end, on one connection.
 */
final class TokenListing {

    private final TokenTable table;

    TokenListing(TokenTable table) {
        this.table = table;
    }

    Page<StoredToken> page(TokenQuery query, TokenQuerySql sql) throws SQLException {
        try (Connection connection = table.dataSource.getConnection()) {
            long total = count(connection, sql.count, sql.parameters);
            List<StoredToken> items = new ArrayList<>();
            // the page [offset, offset + limit) of the parts laid end to end; partStart: where part i begins
            long partStart = 0;
            for (int i = 0; i < sql.parts.size() && query.offset() < total && items.size() < query.limit(); i++) {
                TokenQuerySql.Part part = sql.parts.get(i);
                long from = query.offset() + items.size() - partStart; // <= offset, an int
                int before = items.size();
                try (PreparedStatement select = connection.prepareStatement(part.select())) {
                    int next = bind(select, sql.parameters);
                    select.setInt(next, query.limit() - items.size());
                    select.setInt(next + 1, (int) from);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            items.add(TokenRows.fromRow(rows));
                        }
                    }
                }
                // a short page ended the part where it ended; an empty one began beyond it: count the part
                partStart = items.size() > before ? query.offset() + items.size()
                        : partStart + count(connection, part.count(), sql.parameters);
            }
            return new Page<>(items, total, query.offset(), query.limit());
        }
    }

    private static long count(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(sql)) {
            bind(count, parameters);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static int bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        return index;
    }
}
