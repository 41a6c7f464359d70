package dev.apitokens.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored audit event (see {@link AuditEvents} for the types and what each field means there).
 *
 * @param id the store's id of the event, increasing in the order events were stored
 * @param timestamp when it happened
 * @param type the event type, e.g. {@link AuditEvents#TOKEN_CREATED}
 * @param actorKey user key of whoever made the change, or {@code null} for the system or an unnamed admin
 * @param userKey user key of the token's owner, or {@code null}
 * @param tokenId the token's public id, or {@code null} for a change of every token of a user
 * @param detail a short human-readable detail, or {@code null}; never a secret
 * @since 1.2.0
 */
public record AuditEntry(long id, Instant timestamp, String type, String actorKey, String userKey, String tokenId,
        String detail) {

    public AuditEntry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
    }
}
