package dev.apitokens.api;

import dev.apitokens.spi.Hasher;
import java.time.Instant;
import java.util.Objects;

/**
 * What may be shown about a token: everything but its secret and hash.
 *
 * @param id the public token id (embedded in the token; what logs and the REST API call the token's id)
 * @param storeId the store's numeric row id, stable for the token's life (the original product's admin listing
 *        shows it)
 * @param userKey the owner's user key
 * @param label the owner's name for the token
 * @param createdAt when the token was created
 * @param lastAccessed the last successful authentication, or {@code null} if never used; updated with a short
 *        delay (uses are written behind in batches)
 * @param usageCount how many successful authentications; same delay as {@code lastAccessed}
 * @param expiresAt when the token stops working, or {@code null} for never
 * @param algorithm the id of the hash algorithm that protects this token (see {@link Hasher#algorithm()})
 */
public record TokenInfo(String id, long storeId, String userKey, String label, Instant createdAt,
        Instant lastAccessed, long usageCount, Instant expiresAt, String algorithm) {

    public TokenInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the token has expired at {@code now}. A token without expiry never expires. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
