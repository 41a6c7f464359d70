package dev.apitokens.api;

import dev.apitokens.spi.TokenStore;

/**
 * The token store cannot reach its database (down, unreachable, out of connections). Thrown by every
 * {@link TokenStore} method instead of a driver's own exception; the operation had no effect. Callers answering
 * HTTP turn it into 503.
 */
public class TokenStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
