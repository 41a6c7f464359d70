package dev.apitokens.store.ao;

/**
 * A page of the audit listing, newest first: filters are {@code null} when not wanted; {@code from} inclusive and
 * {@code to} exclusive, epoch millis.
 */
public record AuditQuery(String userKey, String type, Long from, Long to, int offset, int limit) {

    public AuditQuery {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
    }
}
