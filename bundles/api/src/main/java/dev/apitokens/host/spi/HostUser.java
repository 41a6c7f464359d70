package dev.apitokens.host.spi;

import java.util.Objects;

/**
 * A user of the host application (Jira, Confluence or the standalone host), as the host reports it.
 *
 * @param key the stable user key; tokens are stored under it, so renaming a user keeps their tokens
 * @param name the username used to log in and written in the authentication log line
 * @param displayName the full name
 * @param active whether the user may log in at all; tokens of inactive users are refused
 * @param admin whether the user may see and revoke everybody's tokens
 * @param email where notices to the user are sent, or {@code null} when the host has no address for them
 *        (since 1.1.0)
 */
public record HostUser(String key, String name, String displayName, boolean active, boolean admin, String email) {

    /** A user without an e-mail address. */
    public HostUser(String key, String name, String displayName, boolean active, boolean admin) {
        this(key, name, displayName, active, admin, null);
    }

    public HostUser {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        if (displayName == null) {
            displayName = name;
        }
        if (email != null && email.isBlank()) {
            email = null;
        }
    }
}
