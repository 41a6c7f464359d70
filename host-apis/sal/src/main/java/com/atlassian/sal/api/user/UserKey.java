package com.atlassian.sal.api.user;

import java.io.Serializable;
import java.util.Objects;

/**
 * Declaration of SAL's user key, from the published javadoc: {@code UserKey(String)} and
 * {@code getStringValue()}, as used by {@code UserManager.getUserProfile(UserKey)} and
 * {@code ConfluenceUserResolver.getUserByKey(UserKey)}.
 *
 * <p>Declared from: https://docs.atlassian.com/ConfluenceServer/javadoc/7.19.14/com/atlassian/confluence/user/ConfluenceUserResolver.html
 * (parameter type) and https://docs.atlassian.com/ConfluenceServer/javadoc/7.0.1/com/atlassian/sal/confluence/user/SetupUserManager.html.
 * The constructor and {@code getStringValue()} were not seen on a page of their own: see host-apis/README.md.
 * Compile-only: never packaged into a plugin jar.
 */
public final class UserKey implements Serializable {

    private static final long serialVersionUID = 1L;
    private final String userKey;

    public UserKey(String userKey) {
        this.userKey = Objects.requireNonNull(userKey, "userKey");
    }

    public String getStringValue() {
        return userKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserKey key && key.userKey.equals(userKey);
    }

    @Override
    public int hashCode() {
        return userKey.hashCode();
    }

    @Override
    public String toString() {
        return userKey;
    }
}
