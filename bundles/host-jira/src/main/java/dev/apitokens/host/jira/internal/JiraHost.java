package dev.apitokens.host.jira.internal;

import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.sal.api.auth.AuthenticationListener;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.sal.host.SalLogin;
import dev.apitokens.sal.host.SalUsers;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jira as the host: users and administrators from SAL, a user is active when Jira's {@code ApplicationUser} says
 * so, and a token request logs in through SAL's {@code AuthenticationListener} (Seraph's, in Jira).
 */
@Component(service = { HostUsers.class, HostLogin.class })
public class JiraHost implements HostUsers, HostLogin {

    private final SalUsers users;
    private final SalLogin login;

    @Activate
    public JiraHost(@Reference UserManager salUsers,
            @Reference com.atlassian.jira.user.util.UserManager jiraUsers,
            @Reference AuthenticationListener authenticationListener) {
        this.users = new SalUsers(salUsers, profile -> isActive(jiraUsers, profile), jiraUsers::getTotalUserCount);
        this.login = new SalLogin(users, authenticationListener);
    }

    private static boolean isActive(com.atlassian.jira.user.util.UserManager jiraUsers, UserProfile profile) {
        ApplicationUser user = jiraUsers.getUserByKey(profile.getUserKey().getStringValue());
        return user != null && user.isActive();
    }

    @Override
    public Optional<HostUser> findByName(String username) {
        return users.findByName(username);
    }

    @Override
    public Optional<HostUser> findByKey(String userKey) {
        return users.findByKey(userKey);
    }

    /** Jira's total user count, inactive users included (its API has no cheaper active count). */
    @Override
    public long activeUserCount() {
        return users.activeUserCount();
    }

    @Override
    public HttpServletRequest proceedAs(HostUser user, String tokenId, HttpServletRequest request) {
        return login.proceedAs(user, tokenId, request);
    }

    @Override
    public Optional<RequestUser> currentUser(HttpServletRequest request) {
        return login.currentUser(request);
    }
}
