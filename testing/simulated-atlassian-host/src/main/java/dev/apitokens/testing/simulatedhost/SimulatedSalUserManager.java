package dev.apitokens.testing.simulatedhost;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;

import jakarta.servlet.http.HttpServletRequest;

/** SAL's user manager over {@link SimulatedDirectory}; the request's user is what {@link SimulatedSeraph} set. */
final class SimulatedSalUserManager implements UserManager {

    @Override
    public UserProfile getUserProfile(String username) {
        return profile(SimulatedDirectory.byName(username));
    }

    @Override
    public UserProfile getUserProfile(UserKey userKey) {
        return userKey == null ? null : profile(SimulatedDirectory.byKey(userKey.getStringValue()));
    }

    @Override
    public boolean isAdmin(UserKey userKey) {
        SimulatedDirectory.User user = userKey == null ? null : SimulatedDirectory.byKey(userKey.getStringValue());
        return user != null && user.admin();
    }

    @Override
    public boolean isSystemAdmin(UserKey userKey) {
        return false;
    }

    @Override
    public UserProfile getRemoteUser(HttpServletRequest request) {
        return getUserProfile(SimulatedSeraph.requestUser(request));
    }

    /** The simulated host has one group, {@code developers}, with alice as its only member. */
    @Override
    public boolean isUserInGroup(UserKey userKey, String group) {
        return userKey != null && "developers".equals(group) && "key-alice".equals(userKey.getStringValue());
    }

    private static UserProfile profile(SimulatedDirectory.User user) {
        if (user == null) {
            return null;
        }
        return new UserProfile() {
            @Override
            public UserKey getUserKey() {
                return new UserKey(user.key());
            }

            @Override
            public String getUsername() {
                return user.name();
            }

            @Override
            public String getFullName() {
                return user.fullName();
            }

            @Override
            public String getEmail() {
                return user.name() + "@simulated-host.invalid";
            }
        };
    }
}
