package dev.apitokens.rest.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.host.spi.RequestUser;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;


/**
 * A host whose users are a map and whose "login" is read from test headers: {@code X-Test-User} names the user,
 * {@code X-Test-Method} says how they authenticated (TOKEN, PASSWORD or SESSION), {@code X-Test-Token} which token
 * (default {@code callertoken}).
 */
class TestHost implements HostUsers, HostLogin {

    final Map<String, HostUser> byName = new ConcurrentHashMap<>();

    HostUser add(String key, String name, boolean admin) {
        HostUser user = new HostUser(key, name, name.toUpperCase(), true, admin);
        byName.put(name, user);
        return user;
    }

    @Override
    public Optional<HostUser> findByName(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    @Override
    public Optional<HostUser> findByKey(String userKey) {
        return byName.values().stream().filter(u -> u.key().equals(userKey)).findFirst();
    }

    @Override
    public long activeUserCount() {
        return byName.size();
    }

    @Override
    public boolean isMemberOf(String userKey, String group) {
        return false;
    }

    @Override
    public HttpServletRequest proceedAs(HostUser user, String tokenId, HttpServletRequest request) {
        throw new UnsupportedOperationException("only the filter logs users in");
    }

    @Override
    public Optional<RequestUser> currentUser(HttpServletRequest request) {
        String name = request.getHeader("X-Test-User");
        if (name == null) {
            return Optional.empty();
        }
        RequestUser.Method method = RequestUser.Method.valueOf(request.getHeader("X-Test-Method"));
        return findByName(name).map(user -> new RequestUser(user, method,
                method == RequestUser.Method.TOKEN ? Optional.ofNullable(request.getHeader("X-Test-Token"))
                        .orElse("callertoken") : null));
    }
}
