package dev.apitokens.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether token authentication is licensed. Token management is never gated; authentication is refused
 * whenever {@link #status()} is not {@link LicenseStatus#allowsAuthentication() allowing}.
 *
 * <p>The core asks on every token authentication, so {@link #status()} must be cheap (cache what it verifies).
 * When several gates are registered the highest-ranked wins; the evaluation gate ({@code license-unlimited})
 * registers with the lowest ranking so that any other gate replaces it.
 */
@ConsumerType
public interface LicenseGate {

    /** The current license status; never {@code null}, never throws. */
    LicenseStatus status();
}
