package dev.apitokens.host.jira.internal;

import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.sal.api.auth.AuthenticationListener;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.sal.host.SalHost;
import dev.apitokens.sal.host.SalLogin;
import dev.apitokens.sal.host.SalUsers;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jira as the host: users and administrators from SAL, a user is active when Jira's {@code ApplicationUser} says
 * so, and a token request logs in through SAL's {@code AuthenticationListener} (Seraph's, in Jira). The active
 * user count is Jira's total user count, inactive users included (its API has no cheaper active count).
 */
@Component(service = { HostUsers.class, HostLogin.class })
public class JiraHost extends SalHost {

    @Activate
    public JiraHost(@Reference UserManager salUsers,
            @Reference com.atlassian.jira.user.util.UserManager jiraUsers,
            @Reference AuthenticationListener authenticationListener) {
        this(new SalUsers(salUsers, profile -> isActive(jiraUsers, profile), jiraUsers::getTotalUserCount),
                authenticationListener);
    }

    private JiraHost(SalUsers users, AuthenticationListener authenticationListener) {
        super(users, new SalLogin(users, authenticationListener));
    }

    private static boolean isActive(com.atlassian.jira.user.util.UserManager jiraUsers, UserProfile profile) {
        ApplicationUser user = jiraUsers.getUserByKey(profile.getUserKey().getStringValue());
        return user != null && user.isActive();
    }
}
