package dev.apitokens.store.ao;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * The statements of an admin listing page: the count of all matches, and the page itself ({@code LIMIT ? OFFSET
 * ?}, which H2, PostgreSQL, MySQL and MariaDB all accept) from one part of the listing, or from two where a page
 * spans both (see {@link #parts}); a page that starts beyond the first part also counts that part. Only the filter values are parameters; the rest is
 * fixed text chosen from the query's enums, so nothing a user types reaches the SQL text. Every filtered column
 * has an index ({@link TokenEntity}): the user key, created, last accessed, expiry, scope.
 */
final class TokenQuerySql {

    /** The LIKE escape character; {@code !} because MySQL treats a backslash in a literal as an escape itself. */
    private static final char ESCAPE = '!';

    /**
     * The listing's parts in order: one, or, when the order is by a column that may be NULL (last use, expiry),
     * the rows with a value ordered by it and the rows without ordered by id. Each part is then in the order of an
     * index, so a page is read from the index instead of sorting every match ({@code ORDER BY COALESCE(...)}
     * could not use one).
     */
    final List<Part> parts = new ArrayList<>();
    /** {@code COUNT(*)} of all matches. */
    final String count;
    /** The filter parameters, in order, for every statement; a part's select then takes limit and offset. */
    final List<Object> parameters = new ArrayList<>();

    /**
     * One part of the listing: its page ({@code LIMIT ? OFFSET ?} within the part) and its size, which is only
     * needed when a page starts beyond the part's end.
     */
    record Part(String select, String count) {
    }

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
        String select = "SELECT " + table.sqlColumns + " FROM " + table.sqlTable;
        String id = table.column("ID");
        String nullable = switch (query.sort()) {
            case LAST_USED_DESC, LAST_USED_ASC -> table.column("LAST_ACCESSED");
            case EXPIRES_ASC, EXPIRES_DESC -> table.column("EXPIRATION_DATE");
            default -> null;
        };
        this.count = "SELECT COUNT(*) FROM " + table.sqlTable + where;
        if (nullable == null) {
            // never used: LAST_ACCESSED is NULL throughout, so this is the id order, read from (LAST_ACCESSED, ID)
            String order = query.sort() == TokenQuery.Sort.USER ? table.column("USER_KEY") + ", " + id
                    : Boolean.FALSE.equals(query.used()) ? table.column("LAST_ACCESSED") + ", " + id : id;
            parts.add(new Part(select + where + " ORDER BY " + order + " LIMIT ? OFFSET ?", count));
            return;
        }
        String withValue = with(where, nullable + " IS NOT NULL");
        String withoutValue = with(where, nullable + " IS NULL");
        Part valued = new Part(select + withValue + " ORDER BY " + nullable
                + (descending(query.sort()) ? " DESC, " : ", ") + id + " LIMIT ? OFFSET ?",
                "SELECT COUNT(*) FROM " + table.sqlTable + withValue);
        // "ORDER BY column, id" where the column is NULL throughout is the id order, spelt as the index
        // (column, ID) reads, so the database walks that index instead of sorting every match
        Part unvalued = new Part(select + withoutValue + " ORDER BY " + nullable + ", " + id + " LIMIT ? OFFSET ?",
                "SELECT COUNT(*) FROM " + table.sqlTable + withoutValue);
        // never used sorts as the oldest use, no expiry as the latest expiry
        boolean withoutFirst = query.sort() == TokenQuery.Sort.LAST_USED_ASC
                || query.sort() == TokenQuery.Sort.EXPIRES_DESC;
        parts.add(withoutFirst ? unvalued : valued);
        parts.add(withoutFirst ? valued : unvalued);
    }

    private static boolean descending(TokenQuery.Sort sort) {
        return sort == TokenQuery.Sort.LAST_USED_DESC || sort == TokenQuery.Sort.EXPIRES_DESC;
    }

    /** {@code where} with one more condition, as a new text (the builder is left as it was). */
    private static String with(StringBuilder where, String condition) {
        return (where.length() == 0 ? " WHERE " : where + " AND ") + condition;
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
