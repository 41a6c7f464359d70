package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.spi.RequestUser;
import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;


/**
 * A request that runs as a user. The {@link RequestUser} is also kept as a request attribute, which only code in
 * the server can set, so it is found even behind other filters' wrappers.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    static final String ATTRIBUTE = RequestUser.class.getName();

    private final RequestUser user;

    private AuthenticatedRequest(HttpServletRequest request, RequestUser user) {
        super(request);
        this.user = user;
    }

    static HttpServletRequest as(HttpServletRequest request, RequestUser user) {
        request.setAttribute(ATTRIBUTE, user);
        return new AuthenticatedRequest(request, user);
    }

    static Optional<RequestUser> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof RequestUser user ? Optional.of(user) : Optional.empty();
    }

    @Override
    public String getRemoteUser() {
        return user.user().name();
    }

    @Override
    public Principal getUserPrincipal() {
        String name = user.user().name();
        return () -> name;
    }

    @Override
    public String getAuthType() {
        return switch (user.method()) {
            case TOKEN -> "API-TOKEN";
            case PASSWORD -> HttpServletRequest.BASIC_AUTH;
            case SESSION -> HttpServletRequest.FORM_AUTH;
        };
    }

    @Override
    public boolean isUserInRole(String role) {
        return "admin".equals(role) && user.user().admin();
    }
}
