package com.atlassian.sal.api.user;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Declaration of SAL's user manager: the lookups, the admin check and the request's user that the adapters call.
 *
 * <p>Declared from: https://docs.atlassian.com/ConfluenceServer/javadoc/7.0.1/com/atlassian/sal/confluence/user/SetupUserManager.html
 * (an implementation of {@code com.atlassian.sal.api.user.UserManager} listing {@code getUserProfile(String)},
 * {@code getUserProfile(UserKey)}, {@code isAdmin(UserKey)}, {@code isSystemAdmin(UserKey)} and
 * {@code getRemoteUser(HttpServletRequest)}). The published pages show {@code javax.servlet}; Platform 8 (Jira 11,
 * Confluence 10) moved to {@code jakarta.servlet}, which is declared here without a page seen that shows it.
 * {@code isUserInGroup(UserKey, String)} is declared from
 * https://docs.atlassian.com/ConfluenceServer/javadoc/7.19.14/com/atlassian/sal/confluence/user/ConfluenceUserManager.html
 * (listed there as {@code boolean isUserInGroup(com.atlassian.sal.api.user.UserKey userKey, String group)}).
 * Compile-only: never packaged into a plugin jar.
 */
public interface UserManager {

    UserProfile getUserProfile(String username);

    UserProfile getUserProfile(UserKey userKey);

    boolean isAdmin(UserKey userKey);

    boolean isSystemAdmin(UserKey userKey);

    UserProfile getRemoteUser(HttpServletRequest request);

    boolean isUserInGroup(UserKey userKey, String group);
}
