package dev.apitokens.license.signed.internal;

import dev.apitokens.spi.LicenseStatus;
import java.time.Instant;

import dev.apitokens.spi.LicenseStatus.State;

/**
 * What one configured license key amounts to: either refused for good (missing, malformed, bad signature), or a
 * verified {@link License} whose expiry and user tier are still judged on each call. The statuses that do not
 * depend on the active-user count are built once here, so that answering them costs nothing.
 */
final class LicenseVerdict {

    private static final String REFUSED = " Token authentication is refused; tokens can still be managed.";

    private final License license;
    private final LicenseStatus fixed;
    private final LicenseStatus expired;

    private LicenseVerdict(License license, LicenseStatus fixed, LicenseStatus expired) {
        this.license = license;
        this.fixed = fixed;
        this.expired = expired;
    }

    /** A key that can never be valid; {@code reason} is one sentence for admins, without key material. */
    static LicenseVerdict refused(State state, String reason) {
        return new LicenseVerdict(null, new LicenseStatus(state, null, null, 0, reason + REFUSED), null);
    }

    static LicenseVerdict verified(License license) {
        LicenseStatus valid = status(license, State.VALID, "Licensed to " + license.licensee() + " ("
                + license.id() + ") " + license.expiryText() + " for " + license.tierText() + ".");
        LicenseStatus expired = status(license, State.EXPIRED, "The license of " + license.licensee() + " ("
                + license.id() + ") expired at " + license.expiresAt() + "; configure a renewed license key."
                + REFUSED);
        return new LicenseVerdict(license, valid, expired);
    }

    /** The verified license, or {@code null} when the key was refused. */
    License license() {
        return license;
    }

    /**
     * The status when the user tier need not be counted: the refusal, expiry, or validity.
     *
     * @param now the time to judge the expiry at; may be {@code null} for a refused key
     */
    LicenseStatus statusAt(Instant now) {
        return license != null && license.isExpiredAt(now) ? expired : fixed;
    }

    /**
     * The status of an unexpired license given the host's active-user count.
     *
     * @param activeUsers the count, or a negative number when the host could not count them (then the tier is
     *        not enforced: a failing user directory must not lock every script out)
     */
    LicenseStatus withActiveUsers(long activeUsers) {
        if (activeUsers < 0) {
            return status(license, State.VALID, fixed.message() + " The active users could not be counted.");
        }
        if (license.covers(activeUsers)) {
            return status(license, State.VALID, fixed.message() + " The host has " + activeUsers + " active "
                    + (activeUsers == 1 ? "user." : "users."));
        }
        return status(license, State.OVER_USER_TIER, "The license of " + license.licensee() + " (" + license.id()
                + ") covers " + license.tierText() + " but the host has " + activeUsers + " active users;"
                + " deactivate users or configure a license key for a larger tier." + REFUSED);
    }

    private static LicenseStatus status(License license, State state, String message) {
        return new LicenseStatus(state, license.licensee(), license.expiresAt(), license.userTier(), message);
    }
}
