package dev.apitokens.host.spi;

import java.util.Objects;

/**
 * The user a request runs as, and how the request was authenticated.
 *
 * @param user the user
 * @param method how the request proved it
 * @param tokenId the token's public id when {@code method} is {@link Method#TOKEN}, else {@code null}
 */
public record RequestUser(HostUser user, Method method, String tokenId) {

    /** How a request was authenticated. */
    public enum Method {
        /** An API token (HTTP Basic with a token as password, or Bearer). */
        TOKEN,
        /** The user's password, sent with the request (HTTP Basic). */
        PASSWORD,
        /**
         * A session cookie from an earlier login. Browsers send cookies on cross-site requests, so state-changing
         * requests authenticated this way need an anti-CSRF header.
         */
        SESSION
    }

    public RequestUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(method, "method");
        if (method == Method.TOKEN) {
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }
}
