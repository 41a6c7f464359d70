package dev.apitokens.host.confluence.internal;

import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.sal.api.auth.AuthenticationListener;
import com.atlassian.sal.api.user.UserManager;
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
 * Confluence as the host: users and administrators from SAL, a user is active unless Confluence's
 * {@code UserAccessor} says they are deactivated, and a token request logs in through SAL's
 * {@code AuthenticationListener} (Seraph's, in Confluence).
 */
@Component(service = { HostUsers.class, HostLogin.class })
public class ConfluenceHost implements HostUsers, HostLogin {

    private final SalUsers users;
    private final SalLogin login;

    @Activate
    public ConfluenceHost(@Reference UserManager salUsers, @Reference UserAccessor userAccessor,
            @Reference AuthenticationListener authenticationListener) {
        this.users = new SalUsers(salUsers, profile -> !userAccessor.isDeactivated(profile.getUsername()),
                userAccessor::countLicenseConsumingUsers);
        this.login = new SalLogin(users, authenticationListener);
    }

    @Override
    public Optional<HostUser> findByName(String username) {
        return users.findByName(username);
    }

    @Override
    public Optional<HostUser> findByKey(String userKey) {
        return users.findByKey(userKey);
    }

    /** The users who consume a Confluence license. */
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
