package com.atlassian.jira.user.util;

import com.atlassian.jira.user.ApplicationUser;

/**
 * Declaration of Jira's own user manager: the user by key (for {@code isActive()}) and the user count.
 *
 * <p>Declared from: https://docs.atlassian.com/jira/6.3.15/com/atlassian/jira/user/util/UserManager.html (the
 * interface) and https://docs.atlassian.com/jira/latest/com/atlassian/jira/bc/license/JiraLicenseService.ValidationResult.html
 * (which points to {@code UserManager.getTotalUserCount()}). {@code getUserByKey(String)} was not seen in the
 * excerpt of the interface page: see host-apis/README.md. Compile-only: never packaged into a plugin jar.
 */
public interface UserManager {

    ApplicationUser getUserByKey(String userKey);

    int getTotalUserCount();
}
