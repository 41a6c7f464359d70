package dev.apitokens.core.internal;

import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.spi.Hasher;


/**
 * No {@code Hasher} service is installed, so no token can be created. The API has no "temporarily unavailable"
 * exception of its own; this one extends {@link TokenStoreUnavailableException} because callers already answer
 * that with 503 and a retry-later message, which is the right answer here too (a hasher bundle may be starting).
 */
final class NoHasherException extends TokenStoreUnavailableException {

    private static final long serialVersionUID = 1L;

    NoHasherException() {
        super("No API token hasher is installed: install and start a hasher bundle (e.g. dev.apitokens.hasher-sha256)",
                null);
    }
}
