package dev.apitokens.sal.host;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A test stand-in for SAL's {@code UserManager} (shared by the SAL adapters' tests through this module's test jar):
 * users {@code admin}, {@code alice} and {@code bob}, keys {@code key-} plus the name, full names {@code Full}
 * plus the name; only admin is an administrator; alice is in group {@code developers} and has the address
 * {@code alice@example.com}; the request's user is its request attribute {@code user}.
 */
public final class StubSalUserManager implements UserManager {

    private static final Set<String> NAMES = Set.of("admin", "alice", "bob");
    private static final Map<String, Set<String>> GROUPS = Map.of("alice", Set.of("developers"));

    @Override
    public UserProfile getUserProfile(String username) {
        return NAMES.contains(username) ? profile(username) : null;
    }

    @Override
    public UserProfile getUserProfile(UserKey key) {
        String value = key == null ? "" : key.getStringValue();
        return value.startsWith("key-") ? getUserProfile(value.substring(4)) : null;
    }

    @Override
    public boolean isAdmin(UserKey key) {
        return key.getStringValue().equals("key-admin");
    }

    @Override
    public boolean isSystemAdmin(UserKey key) {
        return false;
    }

    @Override
    public UserProfile getRemoteUser(HttpServletRequest request) {
        Object user = request.getAttribute("user");
        return user == null ? null : getUserProfile((String) user);
    }

    @Override
    public boolean isUserInGroup(UserKey key, String group) {
        return GROUPS.getOrDefault(key.getStringValue().replace("key-", ""), Set.of()).contains(group);
    }

    private static UserProfile profile(String name) {
        return new UserProfile() {
            public UserKey getUserKey() {
                return new UserKey("key-" + name);
            }

            public String getUsername() {
                return name;
            }

            public String getFullName() {
                return "Full " + name;
            }

            public String getEmail() {
                return name.equals("alice") ? "alice@example.com" : null;
            }
        };
    }
}
