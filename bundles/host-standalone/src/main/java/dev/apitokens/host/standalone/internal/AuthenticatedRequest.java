package dev.apitokens.host.standalone.internal;

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
    /** The realm the login filter hands to the endpoints behind it, for their 401 challenges. */
    static final String REALM_ATTRIBUTE = AuthenticatedRequest.class.getName() + ".realm";
    static final String DEFAULT_REALM = "api-tokens";

    private final RequestUser user;

    private AuthenticatedRequest(HttpServletRequest request, RequestUser user) {
        super(request);
        this.user = user;
    }

    static HttpServletRequest as(HttpServletRequest request, RequestUser user) {
        request.setAttribute(ATTRIBUTE, user);
        return new AuthenticatedRequest(request, user);
    }

    /** The realm of the login filter the request passed, {@value #DEFAULT_REALM} if none. */
    static String realm(HttpServletRequest request) {
        return request.getAttribute(REALM_ATTRIBUTE) instanceof String realm ? realm : DEFAULT_REALM;
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
