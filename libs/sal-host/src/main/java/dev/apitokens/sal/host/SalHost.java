package dev.apitokens.sal.host;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.host.spi.RequestUser;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A host reached through SAL: users from {@link SalUsers}, the token login through {@link SalLogin}. Each
 * product's adapter is a component extending this with what differs: how it tells an active user and counts users.
 */
public abstract class SalHost implements HostUsers, HostLogin {

    private final SalUsers users;
    private final SalLogin login;

    protected SalHost(SalUsers users, SalLogin login) {
        this.users = users;
        this.login = login;
    }

    @Override
    public Optional<HostUser> findByName(String username) {
        return users.findByName(username);
    }

    @Override
    public Optional<HostUser> findByKey(String userKey) {
        return users.findByKey(userKey);
    }

    @Override
    public long activeUserCount() {
        return users.activeUserCount();
    }

    @Override
    public boolean isMemberOf(String userKey, String group) {
        return users.isMemberOf(userKey, group);
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
