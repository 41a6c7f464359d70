package dev.apitokens.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A client address a token was used from, and when it was last seen there (written behind with the usage count,
 * so up to the flush interval late).
 *
 * @param address the client address as the authentication filter saw it (behind trusted proxies, the forwarded
 *        client address), normalised
 * @param lastSeen the latest successful authentication from it
 * @since 1.2.0
 */
public record UsedAddress(String address, Instant lastSeen) {

    /** How many distinct addresses a token keeps: the most recent ones. */
    public static final int KEPT_PER_TOKEN = 5;

    public UsedAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
