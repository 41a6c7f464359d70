package dev.apitokens.store.ao;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * The two statements of an admin listing page: the page itself ({@code LIMIT ? OFFSET ?}, which H2, PostgreSQL,
 * MySQL and MariaDB all accept) and the count of all matches. Only the filter values are parameters; the rest is
 * fixed text chosen from the query's enums, so nothing a user types reaches the SQL text. Every filtered column
 * has an index ({@link TokenEntity}): the user key, created, last accessed, expiry, scope.
 */
final class TokenQuerySql {

    /** The LIKE escape character; {@code !} because MySQL treats a backslash in a literal as an escape itself. */
    private static final char ESCAPE = '!';

    final String select;
    final String count;
    /** The filter parameters, in order, for both statements; {@link #select} then takes limit and offset. */
    final List<Object> parameters = new ArrayList<>();

    /** @param now what "expired" is measured against, epoch millis */
    TokenQuerySql(TokenTable table, TokenQuery query, long now) {
        StringBuilder where = new StringBuilder();
        if (query.userKey() != null) {
            and(where, table.column("USER_KEY") + " = ?");
            parameters.add(query.userKey());
        }
        if (query.labelContains() != null) {
            and(where, "LOWER(" + table.column("LABEL") + ") LIKE ? ESCAPE '" + ESCAPE + "'");
            parameters.add("%" + escapeLike(query.labelContains().toLowerCase(Locale.ROOT)) + "%");
        }
        range(where, table.column("CREATED"), query.created());
        range(where, table.column("EXPIRATION_DATE"), query.expires());
        range(where, table.column("LAST_ACCESSED"), query.lastUsed());
        if (query.used() != null) {
            and(where, table.column("LAST_ACCESSED") + (query.used() ? " IS NOT NULL" : " IS NULL"));
        }
        if (query.expired() != null) {
            String expiry = table.column("EXPIRATION_DATE");
            and(where, query.expired() ? expiry + " <= ?" : "(" + expiry + " IS NULL OR " + expiry + " > ?)");
            parameters.add(now);
        }
        if (query.scope() != null) {
            // an old row's NULL, or a name this version does not know, is write (as TokenRows reads it)
            String scopes = table.column("SCOPES");
            String read = TokenScope.READ.jsonName();
            and(where, query.scope() == TokenScope.READ ? scopes + " = ?"
                    : "(" + scopes + " IS NULL OR " + scopes + " <> ?)");
            parameters.add(read);
        }
        this.select = "SELECT " + table.sqlColumns + " FROM " + table.sqlTable + where + " ORDER BY "
                + orderBy(table, query.sort()) + " LIMIT ? OFFSET ?";
        this.count = "SELECT COUNT(*) FROM " + table.sqlTable + where;
    }

    private static void and(StringBuilder where, String condition) {
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
    }

    private void range(StringBuilder where, String column, TokenQuery.Range range) {
        Instant from = range.from();
        Instant to = range.to();
        if (from != null) {
            and(where, column + " >= ?");
            parameters.add(from.toEpochMilli());
        }
        if (to != null) {
            and(where, column + " < ?");
            parameters.add(to.toEpochMilli());
        }
    }

    /**
     * The order of each {@link TokenQuery.Sort}, always ending with the id so that pages are stable. Never-used
     * tokens have no last-accessed time; {@code COALESCE(..., 0)} sorts them as the oldest use on every database
     * (databases disagree on where NULLs go), i.e. last in the descending order and first in the ascending one.
     * A token without expiry sorts as expiring at the end of time: last when soonest expiry comes first.
     */
    private static String orderBy(TokenTable table, TokenQuery.Sort sort) {
        String id = table.column("ID");
        String lastUsed = "COALESCE(" + table.column("LAST_ACCESSED") + ", 0)";
        String expires = "COALESCE(" + table.column("EXPIRATION_DATE") + ", " + Long.MAX_VALUE + ")";
        return switch (sort) {
            case CREATED -> id;
            case LAST_USED_DESC -> lastUsed + " DESC, " + id;
            case LAST_USED_ASC -> lastUsed + ", " + id;
            case USER -> table.column("USER_KEY") + ", " + id;
            case EXPIRES_ASC -> expires + ", " + id;
            case EXPIRES_DESC -> expires + " DESC, " + id;
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
