package com.atlassian.sal.api.user;

/**
 * Declaration of SAL's user profile: the four getters the adapters call.
 *
 * <p>Declared from: https://docs.atlassian.com/ConfluenceServer/javadoc/7.0.3/com/atlassian/sal/confluence/user/ConfluenceUserProfile.html
 * ("Specified by: getUserKey / getUsername / getFullName / getEmail in interface com.atlassian.sal.api.user.UserProfile").
 * Compile-only: never packaged into a plugin jar.
 */
public interface UserProfile {

    UserKey getUserKey();

    String getUsername();

    String getFullName();

    String getEmail();
}
