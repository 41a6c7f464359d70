package dev.apitokens.store.ao;

/**
 * One audit event as stored: {@code id} is assigned by the database (0 before), {@code created} is epoch millis;
 * the other fields are {@code null} when they do not apply.
 */
public record AuditRecord(long id, long created, String type, String actor, String userKey, String tokenId,
        String detail) {

    /** Longest detail stored; longer ones are cut (the column is a VARCHAR(255) on every database). */
    public static final int MAX_DETAIL = 255;
}
