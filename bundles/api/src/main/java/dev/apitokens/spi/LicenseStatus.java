package dev.apitokens.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link LicenseGate} found, for the core (may tokens authenticate?) and for admins (why not?).
 *
 * @param state the verdict
 * @param licensee to whom the license was issued, or {@code null} if unknown
 * @param expiresAt when the license ends, or {@code null} for never or unknown
 * @param userTier how many active users it covers, {@code 0} for unlimited or unknown
 * @param message a sentence for admins explaining the state (no key material)
 */
public record LicenseStatus(State state, String licensee, Instant expiresAt, int userTier, String message) {

    /** License verdicts. Only {@link #VALID} and {@link #UNLIMITED} allow token authentication. */
    public enum State {
        VALID, UNLIMITED, MISSING, MALFORMED, BAD_SIGNATURE, EXPIRED, OVER_USER_TIER
    }

    public LicenseStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }

    /** Whether token authentication is allowed. */
    public boolean allowsAuthentication() {
        return state == State.VALID || state == State.UNLIMITED;
    }
}
