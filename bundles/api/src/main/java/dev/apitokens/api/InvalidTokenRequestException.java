package dev.apitokens.api;

/**
 * A create request that cannot be honoured (empty or too long label, expiry in the past). The message is meant
 * for the end user and contains no secret.
 */
public class InvalidTokenRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidTokenRequestException(String message) {
        super(message);
    }
}
