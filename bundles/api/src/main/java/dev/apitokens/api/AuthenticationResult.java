package dev.apitokens.api;

import dev.apitokens.host.spi.HostUser;
import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.LicenseGate;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link TokenService#authenticate}: who was authenticated with which token, or why not.
 *
 * <p>A failure carries a {@link Reason} for the log and a {@link Reason#clientMessage() client message} that
 * reveals nothing about which check failed, and, where the token could be parsed, its public id (never the
 * secret).
 *
 * <p>A success carries what the authentication filter must still enforce on the request itself, so that it needs
 * no second look-up: the token's {@link #scope()} and {@link #allowedPaths()} (since 1.2.0). The token's allowed
 * addresses are checked by {@link TokenService#authenticate(String, String, String)} itself.
 */
public final class AuthenticationResult {

    /** Why an authentication was refused. */
    public enum Reason {
        /** Not in our token format, or its checksum is wrong. */
        MALFORMED("invalid or expired token"),
        /** Well-formed, but no token has this id (never created, or revoked). */
        UNKNOWN_TOKEN("invalid or expired token"),
        /** The secret does not match the stored hash. */
        WRONG_SECRET("invalid or expired token"),
        /** The token's expiry date has passed. */
        EXPIRED("invalid or expired token"),
        /** The token belongs to another user than the one named in the request. */
        WRONG_USER("invalid or expired token"),
        /** The token's owner no longer exists in the host. */
        USER_UNKNOWN("invalid or expired token"),
        /** The token's owner is deactivated in the host. */
        USER_INACTIVE("invalid or expired token"),
        /** The stored hash names an algorithm for which no {@link Hasher} is installed. */
        HASHER_MISSING("invalid or expired token"),
        /**
         * The request came from a client address outside the token's {@code allowedIps} (since 1.2.0).
         */
        ADDRESS_NOT_ALLOWED("invalid or expired token"),
        /** The {@link LicenseGate} does not allow token authentication. */
        NOT_LICENSED("token authentication is not licensed"),
        /** The token store could not be reached; the client may retry later. */
        STORE_UNAVAILABLE("token authentication is temporarily unavailable");

        private final String clientMessage;

        Reason(String clientMessage) {
            this.clientMessage = clientMessage;
        }

        /** The short text a client may see; it never tells which check failed. */
        public String clientMessage() {
            return clientMessage;
        }
    }

    private final HostUser user;
    private final String tokenId;
    private final Reason reason;
    private final String detail;
    private final TokenScope scope;
    private final List<String> allowedPaths;

    private AuthenticationResult(HostUser user, String tokenId, Reason reason, String detail, TokenScope scope,
            List<String> allowedPaths) {
        this.user = user;
        this.tokenId = tokenId;
        this.reason = reason;
        this.detail = detail;
        this.scope = scope;
        this.allowedPaths = allowedPaths;
    }

    /** {@code user} was authenticated with the token {@code tokenId}, a write-scoped token without path limits. */
    public static AuthenticationResult success(HostUser user, String tokenId) {
        return success(user, tokenId, TokenScope.WRITE, List.of());
    }

    /**
     * {@code user} was authenticated with the token {@code tokenId}, which has this scope and these path limits.
     *
     * @since 1.2.0
     */
    public static AuthenticationResult success(HostUser user, String tokenId, TokenScope scope,
            List<String> allowedPaths) {
        return new AuthenticationResult(Objects.requireNonNull(user, "user"), Objects.requireNonNull(tokenId, "tokenId"),
                null, null, Objects.requireNonNull(scope, "scope"), List.copyOf(allowedPaths));
    }

    /**
     * Refused.
     *
     * @param tokenId the public id if the token could be parsed, else {@code null}
     * @param detail a log-safe explanation (never the secret), or {@code null}
     */
    public static AuthenticationResult failure(Reason reason, String tokenId, String detail) {
        return new AuthenticationResult(null, tokenId, Objects.requireNonNull(reason, "reason"), detail, null,
                List.of());
    }

    public boolean isSuccess() {
        return reason == null;
    }

    /** The authenticated user; {@code null} on failure. */
    public HostUser user() {
        return user;
    }

    /** The token's public id; on failure {@code null} when the token could not be parsed. */
    public String tokenId() {
        return tokenId;
    }

    /** Why it failed; {@code null} on success. */
    public Reason reason() {
        return reason;
    }

    /**
     * On success, the token's scope: the filter lets only the HTTP methods it allows through
     * ({@link TokenScope#allowsMethod}); {@code null} on failure.
     *
     * @since 1.2.0
     */
    public TokenScope scope() {
        return scope;
    }

    /**
     * On success, the URL path prefixes (within the servlet context, each starting with {@code /}) the token is
     * limited to, matched by whole segments; empty for no limit, and on failure.
     *
     * @since 1.2.0
     */
    public List<String> allowedPaths() {
        return allowedPaths;
    }

    /** A log-safe explanation of the failure, or {@code null}. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return isSuccess() ? "success(" + user.name() + ", " + tokenId + ")"
                : "failure(" + reason + ", " + tokenId + (detail == null ? "" : ", " + detail) + ")";
    }
}
