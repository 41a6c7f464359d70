package dev.apitokens.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A token that was rotated away: its old public id and hash, kept so that the old secret can be recognised if it
 * is presented again (a sign that it leaked), and the token that replaced it.
 *
 * @param publicId the old public id
 * @param hash the old secret's hash
 * @param successorId the public id the token got at rotation (which may itself have been rotated since)
 * @param userKey the owner
 * @param rotatedAt when it was rotated
 * @since 1.2.0
 */
public record RotatedToken(String publicId, String hash, String successorId, String userKey, Instant rotatedAt) {

    public RotatedToken {
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(successorId, "successorId");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "RotatedToken[" + publicId + " -> " + successorId + ", user=" + userKey + "]";
    }
}
