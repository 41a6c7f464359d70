package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.osgi.service.component.annotations.Component;


/**
 * How requests run as a user in the standalone host: the token filter hands over with {@link #proceedAs}; the
 * host's own {@link LoginFilter} marks password and session requests the same way, so {@link #currentUser} answers
 * for all three.
 */
@Component(service = HostLogin.class)
public class StandaloneHostLogin implements HostLogin {

    @Override
    public HttpServletRequest proceedAs(HostUser user, String tokenId, HttpServletRequest request) {
        return AuthenticatedRequest.as(request, new RequestUser(user, RequestUser.Method.TOKEN, tokenId));
    }

    @Override
    public Optional<RequestUser> currentUser(HttpServletRequest request) {
        return AuthenticatedRequest.of(request);
    }
}
