package dev.apitokens.spi;

import java.time.Instant;

/**
 * A token as the {@link TokenStore} keeps it.
 *
 * @param storeId the row id
 * @param publicId the public token id, unique
 * @param userKey the owner's user key
 * @param label the owner's name for it
 * @param hash the salted hash of the secret as a PHC string (see {@link PhcString})
 * @param createdAt creation time
 * @param lastAccessed last recorded use, or {@code null}
 * @param usageCount recorded uses
 * @param expiresAt expiry, or {@code null} for never
 */
public record StoredToken(long storeId, String publicId, String userKey, String label, String hash, Instant createdAt,
        Instant lastAccessed, long usageCount, Instant expiresAt) {

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "StoredToken[" + storeId + ", " + publicId + ", user=" + userKey + ", label=" + label + "]";
    }
}
