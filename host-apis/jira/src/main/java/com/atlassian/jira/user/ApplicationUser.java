package com.atlassian.jira.user;

/**
 * Declaration of Jira's user: key, username, display name and whether the user is active.
 *
 * <p>Declared from: https://docs.atlassian.com/DAC/javadoc/jira/reference/com/atlassian/jira/user/DelegatingApplicationUser.html
 * (an {@code ApplicationUser} implementation: {@code getKey()}, {@code getUsername()}, {@code getDisplayName()},
 * {@code isActive()}). Compile-only: never packaged into a plugin jar.
 */
public interface ApplicationUser {

    String getKey();

    String getUsername();

    String getDisplayName();

    boolean isActive();
}
