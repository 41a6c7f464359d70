package dev.apitokens.spi;

import dev.apitokens.api.TokenScope;
import dev.apitokens.api.UsedAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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
 * @param scopes the token's one scope; {@code {WRITE}} for rows written before scopes existed (since 1.2.0)
 * @param allowedPaths URL path prefixes it is limited to, empty for none (since 1.2.0)
 * @param allowedIps addresses and CIDR ranges it is accepted from, empty for anywhere (since 1.2.0)
 * @param createdBy user key of the admin who made it for the owner, or {@code null} (since 1.2.0)
 * @param lastAddresses the last distinct client addresses it was used from, most recent first (since 1.2.0)
 */
public record StoredToken(long storeId, String publicId, String userKey, String label, String hash, Instant createdAt,
        Instant lastAccessed, long usageCount, Instant expiresAt, Set<TokenScope> scopes, List<String> allowedPaths,
        List<String> allowedIps, String createdBy, List<UsedAddress> lastAddresses) {

    public StoredToken {
        scopes = Set.of(TokenScope.of(scopes));
        allowedPaths = allowedPaths == null ? List.of() : List.copyOf(allowedPaths);
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
        lastAddresses = lastAddresses == null ? List.of() : List.copyOf(lastAddresses);
    }

    /** A write-scoped token without restrictions, made by its owner, no addresses recorded (the 1.1 components). */
    public StoredToken(long storeId, String publicId, String userKey, String label, String hash, Instant createdAt,
            Instant lastAccessed, long usageCount, Instant expiresAt) {
        this(storeId, publicId, userKey, label, hash, createdAt, lastAccessed, usageCount, expiresAt,
                Set.of(TokenScope.WRITE), List.of(), List.of(), null, List.of());
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "StoredToken[" + storeId + ", " + publicId + ", user=" + userKey + ", label=" + label + "]";
    }
}
