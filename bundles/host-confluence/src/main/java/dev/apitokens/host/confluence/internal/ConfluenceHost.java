package dev.apitokens.host.confluence.internal;

import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.sal.api.auth.AuthenticationListener;
import com.atlassian.sal.api.user.UserManager;
import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.sal.host.SalHost;
import dev.apitokens.sal.host.SalLogin;
import dev.apitokens.sal.host.SalUsers;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Confluence as the host: users and administrators from SAL, a user is active unless Confluence's
 * {@code UserAccessor} says they are deactivated, and a token request logs in through SAL's
 * {@code AuthenticationListener} (Seraph's, in Confluence). The active user count is the users who consume a
 * Confluence license.
 */
@Component(service = { HostUsers.class, HostLogin.class })
public class ConfluenceHost extends SalHost {

    @Activate
    public ConfluenceHost(@Reference UserManager salUsers, @Reference UserAccessor userAccessor,
            @Reference AuthenticationListener authenticationListener) {
        this(new SalUsers(salUsers, profile -> !userAccessor.isDeactivated(profile.getUsername()),
                userAccessor::countLicenseConsumingUsers), authenticationListener);
    }

    private ConfluenceHost(SalUsers users, AuthenticationListener authenticationListener) {
        super(users, new SalLogin(users, authenticationListener));
    }
}
