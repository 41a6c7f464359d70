package dev.apitokens.api;

/**
 * A page of the audit trail, newest first. Filters are {@code null} when not wanted and apply together.
 *
 * @param userKey only events about this user's tokens (the owner, {@link AuditEntry#userKey}), or {@code null}
 * @param type only events of this type, e.g. {@link AuditEvents#TOKEN_REVOKED}, or {@code null}
 * @param from only events at or after this time, epoch milliseconds, or {@code null}
 * @param to only events before this time, epoch milliseconds, or {@code null}
 * @param offset how many matching events to skip, {@code >= 0}
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @since 1.2.0
 */
public record AuditQuery(String userKey, String type, Long from, Long to, int offset, int limit) {

    /** The largest page a trail must serve. */
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        PageWindow.check(offset, limit, MAX_LIMIT);
        userKey = PageWindow.filter(userKey);
        type = PageWindow.filter(type);
    }
}
