package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.spi.HostUser;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;


/**
 * One user as the users file stores it.
 *
 * @param name the login name (unique, compared ignoring case, as Jira does)
 * @param key the stable user key tokens are stored under; set once when the user is created
 * @param displayName the full name
 * @param admin whether the user administers everybody's tokens
 * @param active whether the user may log in at all
 * @param password the password hash as a PHC string (see {@link PasswordKdf}); never the password
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserRecord(String name, String key, String displayName, boolean admin, boolean active, String password) {

    static UserRecord create(String name, String displayName, boolean admin, String passwordHash) {
        return new UserRecord(name, name.toLowerCase(Locale.ROOT), displayName == null ? name : displayName, admin,
                true, passwordHash);
    }

    UserRecord withPassword(String passwordHash) {
        return new UserRecord(name, key, displayName, admin, active, passwordHash);
    }

    boolean isNamed(String username) {
        return name.equalsIgnoreCase(username);
    }

    HostUser toHostUser() {
        return new HostUser(key, name, displayName, active, admin);
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "UserRecord[" + name + ", key=" + key + ", admin=" + admin + ", active=" + active + "]";
    }
}
