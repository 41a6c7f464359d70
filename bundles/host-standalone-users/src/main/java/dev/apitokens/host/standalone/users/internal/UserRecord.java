package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.spi.HostUser;
import java.util.List;
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
 * @param email where notices go, or {@code null}
 * @param groups the groups the user is a member of (compared ignoring case, as Jira does); never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserRecord(String name, String key, String displayName, boolean admin, boolean active, String password,
        String email, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> groups) {

    UserRecord {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    static UserRecord create(String name, String displayName, boolean admin, String passwordHash) {
        return create(name, displayName, admin, passwordHash, null, List.of());
    }

    static UserRecord create(String name, String displayName, boolean admin, String passwordHash, String email,
            List<String> groups) {
        return new UserRecord(name, name.toLowerCase(Locale.ROOT), displayName == null ? name : displayName, admin,
                true, passwordHash, email, groups);
    }

    UserRecord withPassword(String passwordHash) {
        return new UserRecord(name, key, displayName, admin, active, passwordHash, email, groups);
    }

    boolean isNamed(String username) {
        return name.equalsIgnoreCase(username);
    }

    boolean isMemberOf(String group) {
        return groups.stream().anyMatch(member -> member.equalsIgnoreCase(group));
    }

    HostUser toHostUser() {
        return new HostUser(key, name, displayName, active, admin, email);
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "UserRecord[" + name + ", key=" + key + ", admin=" + admin + ", active=" + active + ", groups=" + groups
                + "]";
    }
}
