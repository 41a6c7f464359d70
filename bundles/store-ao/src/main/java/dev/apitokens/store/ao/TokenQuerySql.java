package dev.apitokens.store.ao;

import dev.apitokens.api.TokenQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * The two statements of an admin listing page: the page itself ({@code LIMIT ? OFFSET ?}, which H2, PostgreSQL,
 * MySQL and MariaDB all accept) and the count of all matches. Only the filter values are parameters; the rest is
 * fixed text chosen from the query's enums, so nothing a user types reaches the SQL text.
 */
final class TokenQuerySql {

    /** The LIKE escape character; {@code !} because MySQL treats a backslash in a literal as an escape itself. */
    private static final char ESCAPE = '!';

    final String select;
    final String count;
    /** The filter parameters, in order, for both statements; {@link #select} then takes limit and offset. */
    final List<Object> parameters = new ArrayList<>();

    TokenQuerySql(TokenTable table, TokenQuery query) {
        StringBuilder where = new StringBuilder();
        if (query.userKey() != null) {
            where.append(" WHERE ").append(table.column("USER_KEY")).append(" = ?");
            parameters.add(query.userKey());
        }
        if (query.labelContains() != null) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append("LOWER(").append(table.column("LABEL"))
                    .append(") LIKE ? ESCAPE '").append(ESCAPE).append('\'');
            parameters.add("%" + escapeLike(query.labelContains().toLowerCase(Locale.ROOT)) + "%");
        }
        this.select = "SELECT " + table.sqlColumns + " FROM " + table.sqlTable + where + " ORDER BY "
                + orderBy(table, query.sort()) + " LIMIT ? OFFSET ?";
        this.count = "SELECT COUNT(*) FROM " + table.sqlTable + where;
    }

    /**
     * The order of each {@link TokenQuery.Sort}, always ending with the id so that pages are stable. Never-used
     * tokens have no last-accessed time; {@code COALESCE(..., 0)} sorts them as the oldest use on every database
     * (databases disagree on where NULLs go), i.e. last in the descending order and first in the ascending one.
     */
    private static String orderBy(TokenTable table, TokenQuery.Sort sort) {
        String id = table.column("ID");
        String lastUsed = "COALESCE(" + table.column("LAST_ACCESSED") + ", 0)";
        return switch (sort) {
            case CREATED -> id;
            case LAST_USED_DESC -> lastUsed + " DESC, " + id;
            case LAST_USED_ASC -> lastUsed + ", " + id;
            case USER -> table.column("USER_KEY") + ", " + id;
        };
    }

    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == ESCAPE || c == '%' || c == '_') {
                escaped.append(ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
