package com.atlassian.confluence.user;

/**
 * Declaration of Confluence's user accessor: whether a user is deactivated, and how many users consume a license.
 *
 * <p>Declared from: https://docs.atlassian.com/ConfluenceServer/javadoc/8.8.1/com/atlassian/confluence/user/UserAccessor.html
 * ({@code countLicenseConsumingUsers()}) and https://docs.atlassian.com/atlassian-confluence/5.5.6/com/atlassian/confluence/security/DeactivatedUserChecker.html
 * ("use UserAccessor.isDeactivated(String)"). Compile-only: never packaged into a plugin jar.
 */
public interface UserAccessor {

    boolean isDeactivated(String username);

    int countLicenseConsumingUsers();
}
