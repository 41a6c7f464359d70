package dev.apitokens.api;

import java.util.Objects;

/**
 * A token just created: its description and the secret, which exists only in this object and is never stored.
 *
 * @param info the token as it will be listed
 * @param secret the complete token string to hand to the user once (the REST API's {@code passwordValue})
 */
public record CreatedToken(TokenInfo info, String secret) {

    public CreatedToken {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(secret, "secret");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CreatedToken[" + info + ", secret=<hidden>]";
    }
}
