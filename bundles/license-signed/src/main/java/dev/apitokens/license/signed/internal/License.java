package dev.apitokens.license.signed.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The facts a license key carries once its signature has been verified.
 *
 * @param id the vendor's license id, {@code [A-Za-z0-9._-]}, 1 to 64 characters
 * @param licensee to whom it was issued: 1 to 200 characters, no control characters, no surrounding blanks
 * @param issuedAt when it was signed, whole seconds
 * @param expiresAt the last instant it is valid (whole seconds), or {@code null} for a license that never expires
 * @param userTier how many active users it covers; {@code 0} for unlimited
 */
public record License(String id, String licensee, Instant issuedAt, Instant expiresAt, int userTier) {

    public static final int MAX_LICENSEE_LENGTH = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    // Rules are checked here, not only when signing, so that a decoded payload is held to exactly the same ones.
    public License {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(licensee, "licensee");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("license id must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
        if (licensee.isEmpty() || licensee.length() > MAX_LICENSEE_LENGTH || !licensee.equals(licensee.strip())) {
            throw new IllegalArgumentException(
                    "licensee must be 1 to " + MAX_LICENSEE_LENGTH + " characters without surrounding blanks");
        }
        if (licensee.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("licensee must not contain control characters such as line breaks");
        }
        if (issuedAt.getNano() != 0 || (expiresAt != null && expiresAt.getNano() != 0)) {
            throw new IllegalArgumentException("issued and expiry instants must be whole seconds");
        }
        if (expiresAt != null && expiresAt.isBefore(issuedAt)) {
            throw new IllegalArgumentException("expiry must not be before the issue date");
        }
        if (userTier < 0) {
            throw new IllegalArgumentException("user tier must be 0 (unlimited) or more");
        }
    }

    /** Whether the license has ended at {@code now}; it is still valid at its expiry instant itself. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && now.isAfter(expiresAt);
    }

    /** Whether the license covers {@code activeUsers} users. */
    public boolean covers(long activeUsers) {
        return userTier == 0 || activeUsers <= userTier;
    }

    /** "until 2027-12-31T23:59:59Z" or "with no expiry". */
    public String expiryText() {
        return expiresAt == null ? "with no expiry" : "until " + expiresAt;
    }

    /** "500 users" or "unlimited users". */
    public String tierText() {
        return userTier == 0 ? "unlimited users" : userTier + (userTier == 1 ? " user" : " users");
    }
}
