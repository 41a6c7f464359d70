package dev.apitokens.spi;

import dev.apitokens.api.UsedAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Uses of one token summed in memory, to be added to its counters by {@link TokenStore#recordUsage}.
 *
 * @param publicId the token
 * @param count how many successful authentications to add, {@code >= 1}
 * @param lastAccessed the latest of them
 * @param addresses the distinct client addresses of these uses with the latest time of each, most recent first, at
 *        most {@value UsedAddress#KEPT_PER_TOKEN}; the store merges them into the token's last addresses (since
 *        1.2.0)
 */
public record TokenUsage(String publicId, long count, Instant lastAccessed, List<UsedAddress> addresses) {

    public TokenUsage {
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(lastAccessed, "lastAccessed");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** Uses without addresses (the 1.1 components). */
    public TokenUsage(String publicId, long count, Instant lastAccessed) {
        this(publicId, count, lastAccessed, List.of());
    }
}
