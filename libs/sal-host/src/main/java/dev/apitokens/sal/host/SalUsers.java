package dev.apitokens.sal.host;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@link HostUsers} over SAL's {@code UserManager}: users by name or key from SAL's profiles, administrators by
 * SAL's {@code isAdmin} or {@code isSystemAdmin}, groups by SAL's {@code isUserInGroup}. SAL says nothing about deactivated users, so the product adapter
 * supplies that check (Jira: {@code ApplicationUser.isActive()}, Confluence: {@code UserAccessor.isDeactivated}),
 * and the active user count.
 */
public final class SalUsers implements HostUsers {

    private final UserManager users;
    private final Predicate<UserProfile> active;
    private final LongSupplier activeUserCount;

    public SalUsers(UserManager users, Predicate<UserProfile> active, LongSupplier activeUserCount) {
        this.users = users;
        this.active = active;
        this.activeUserCount = activeUserCount;
    }

    @Override
    public Optional<HostUser> findByName(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        return toHostUser(users.getUserProfile(username));
    }

    @Override
    public Optional<HostUser> findByKey(String userKey) {
        if (userKey == null || userKey.isEmpty()) {
            return Optional.empty();
        }
        return toHostUser(users.getUserProfile(new UserKey(userKey)));
    }

    @Override
    public long activeUserCount() {
        return activeUserCount.getAsLong();
    }

    @Override
    public boolean isMemberOf(String userKey, String group) {
        if (userKey == null || userKey.isEmpty() || group == null || group.isEmpty()) {
            return false;
        }
        return users.isUserInGroup(new UserKey(userKey), group);
    }

    /** The host user of a SAL profile (the request's user, say); empty for {@code null}. */
    public Optional<HostUser> toHostUser(UserProfile profile) {
        if (profile == null || profile.getUserKey() == null) {
            return Optional.empty();
        }
        UserKey key = profile.getUserKey();
        boolean admin = users.isAdmin(key) || users.isSystemAdmin(key);
        return Optional.of(new HostUser(key.getStringValue(), profile.getUsername(), profile.getFullName(),
                active.test(profile), admin, profile.getEmail()));
    }

    /** The SAL user manager, for {@link SalLogin}. */
    UserManager userManager() {
        return users;
    }
}
