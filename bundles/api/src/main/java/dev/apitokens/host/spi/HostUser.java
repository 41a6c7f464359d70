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
 */
public record HostUser(String key, String name, String displayName, boolean active, boolean admin) {

    public HostUser {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        if (displayName == null) {
            displayName = name;
        }
    }
}
