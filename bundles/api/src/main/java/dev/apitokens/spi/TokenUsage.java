package dev.apitokens.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Uses of one token summed in memory, to be added to its counters by {@link TokenStore#recordUsage}.
 *
 * @param publicId the token
 * @param count how many successful authentications to add, {@code >= 1}
 * @param lastAccessed the latest of them
 */
public record TokenUsage(String publicId, long count, Instant lastAccessed) {

    public TokenUsage {
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(lastAccessed, "lastAccessed");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
    }
}
