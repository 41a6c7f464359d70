package dev.apitokens.testing.simulatedhost;

import com.atlassian.confluence.user.UserAccessor;

/** Confluence's user accessor over {@link SimulatedDirectory}. */
final class SimulatedUserAccessor implements UserAccessor {

    @Override
    public boolean isDeactivated(String username) {
        return !SimulatedDirectory.isActive(username);
    }

    @Override
    public int countLicenseConsumingUsers() {
        return SimulatedDirectory.count();
    }
}
