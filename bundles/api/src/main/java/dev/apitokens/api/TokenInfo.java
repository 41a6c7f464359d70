package dev.apitokens.api;

import dev.apitokens.spi.Hasher;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * @param scopes what the token may do, one scope (see {@link TokenScope#of}); {@code {WRITE}} for tokens made
 *        before scopes existed (since 1.2.0)
 * @param allowedPaths URL path prefixes the token is limited to, empty for none (since 1.2.0)
 * @param allowedIps addresses and CIDR ranges the token is accepted from, empty for anywhere (since 1.2.0)
 * @param createdBy user key of who created the token when that was not the owner (an admin), else {@code null}
 *        (since 1.2.0)
 * @param lastAddresses the last {@value UsedAddress#KEPT_PER_TOKEN} distinct client addresses it was used from,
 *        most recent first; written behind like {@code lastAccessed} (since 1.2.0)
 */
public record TokenInfo(String id, long storeId, String userKey, String label, Instant createdAt,
        Instant lastAccessed, long usageCount, Instant expiresAt, String algorithm, Set<TokenScope> scopes,
        List<String> allowedPaths, List<String> allowedIps, String createdBy, List<UsedAddress> lastAddresses) {

    public TokenInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = Set.of(TokenScope.of(scopes));
        allowedPaths = allowedPaths == null ? List.of() : List.copyOf(allowedPaths);
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
        lastAddresses = lastAddresses == null ? List.of() : List.copyOf(lastAddresses);
    }

    /** A token with write scope, no restrictions, made by its owner, no addresses seen (the 1.1 components). */
    public TokenInfo(String id, long storeId, String userKey, String label, Instant createdAt, Instant lastAccessed,
            long usageCount, Instant expiresAt, String algorithm) {
        this(id, storeId, userKey, label, createdAt, lastAccessed, usageCount, expiresAt, algorithm,
                Set.of(TokenScope.WRITE), List.of(), List.of(), null, List.of());
    }

    /** The token's one scope (since 1.2.0). */
    public TokenScope scope() {
        return TokenScope.of(scopes);
    }

    /** Whether the token has expired at {@code now}. A token without expiry never expires. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
