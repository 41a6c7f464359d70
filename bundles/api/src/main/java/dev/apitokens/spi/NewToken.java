package dev.apitokens.spi;

import dev.apitokens.api.TokenService;
import java.time.Instant;
import java.util.Objects;

/**
 * A token to be stored by {@link TokenStore#insert}.
 *
 * @param publicId the public token id, unique
 * @param userKey the owner's user key
 * @param label 1 to {@link TokenService#MAX_LABEL_LENGTH} characters
 * @param hash the PHC string of the secret's salted hash
 * @param createdAt creation time
 * @param expiresAt expiry, or {@code null} for never
 */
public record NewToken(String publicId, String userKey, String label, String hash, Instant createdAt,
        Instant expiresAt) {

    public NewToken {
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "NewToken[" + publicId + ", user=" + userKey + ", label=" + label + "]";
    }
}
