package dev.apitokens.spi;

import dev.apitokens.api.TokenScope;
import dev.apitokens.api.TokenService;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A token to be stored by {@link TokenStore#insert}.
 *
 * @param publicId the public token id, unique
 * @param userKey the owner's user key
 * @param label 1 to {@link TokenService#MAX_LABEL_LENGTH} characters
 * @param hash the PHC string of the secret's salted hash
 * @param createdAt creation time
 * @param expiresAt expiry, or {@code null} for never
 * @param scopes the token's one scope (since 1.2.0)
 * @param allowedPaths URL path prefixes it is limited to, empty for none (since 1.2.0)
 * @param allowedIps addresses and CIDR ranges it is accepted from, empty for anywhere (since 1.2.0)
 * @param createdBy user key of the admin who made it for the owner, or {@code null} when the owner did (since 1.2.0)
 */
public record NewToken(String publicId, String userKey, String label, String hash, Instant createdAt,
        Instant expiresAt, Set<TokenScope> scopes, List<String> allowedPaths, List<String> allowedIps,
        String createdBy) {

    public NewToken {
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = Set.of(TokenScope.of(scopes));
        allowedPaths = allowedPaths == null ? List.of() : List.copyOf(allowedPaths);
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
    }

    /** A write-scoped token without restrictions, made by its owner (the 1.1 components). */
    public NewToken(String publicId, String userKey, String label, String hash, Instant createdAt,
            Instant expiresAt) {
        this(publicId, userKey, label, hash, createdAt, expiresAt, Set.of(TokenScope.WRITE), List.of(), List.of(),
                null);
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "NewToken[" + publicId + ", user=" + userKey + ", label=" + label + "]";
    }
}
