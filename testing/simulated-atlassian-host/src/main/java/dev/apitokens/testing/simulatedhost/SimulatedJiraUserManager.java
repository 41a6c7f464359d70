package dev.apitokens.testing.simulatedhost;

import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.jira.user.util.UserManager;

/** Jira's user manager over {@link SimulatedDirectory}. */
final class SimulatedJiraUserManager implements UserManager {

    @Override
    public ApplicationUser getUserByKey(String userKey) {
        SimulatedDirectory.User user = SimulatedDirectory.byKey(userKey);
        if (user == null) {
            return null;
        }
        return new ApplicationUser() {
            @Override
            public String getKey() {
                return user.key();
            }

            @Override
            public String getUsername() {
                return user.name();
            }

            @Override
            public String getDisplayName() {
                return user.fullName();
            }

            @Override
            public boolean isActive() {
                return SimulatedDirectory.isActive(user.name());
            }
        };
    }

    @Override
    public int getTotalUserCount() {
        return SimulatedDirectory.count();
    }
}
