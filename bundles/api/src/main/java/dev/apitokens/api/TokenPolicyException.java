package dev.apitokens.api;

import java.util.Objects;

/**
 * A create request the administrators' {@link TokenPolicy} refuses. The message is fit for the end user and names
 * the rule (the maximum lifetime, the token limit, ...); the {@link #reason()} lets a REST layer choose the status.
 *
 * @since 1.2.0
 */
public class TokenPolicyException extends InvalidTokenRequestException {

    private static final long serialVersionUID = 1L;

    /** Which rule refused the request. */
    public enum Reason {
        /** The policy requires an expiry and the request gave none. */
        EXPIRY_REQUIRED,
        /** The expiry is further away than the policy's maximum lifetime. */
        LIFETIME_TOO_LONG,
        /** The owner has as many tokens as the policy allows. */
        TOO_MANY_TOKENS,
        /** The user is not in a group the policy lets create tokens. */
        NOT_PERMITTED,
        /** The policy does not let this user choose the requested scope. */
        SCOPE_NOT_ALLOWED
    }

    private final Reason reason;

    public TokenPolicyException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
