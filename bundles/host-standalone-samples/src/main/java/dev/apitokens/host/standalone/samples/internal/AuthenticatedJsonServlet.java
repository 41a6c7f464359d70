package dev.apitokens.host.standalone.samples.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.http.support.NotAuthenticated;
import dev.apitokens.host.spi.RequestUser;
import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;


/** A read-only sample endpoint: {@code GET} answers JSON to a logged-in user, 401 JSON to anybody else. */
abstract class AuthenticatedJsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HostLogin login;

    AuthenticatedJsonServlet(HostLogin login) {
        this.login = login;
    }

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<RequestUser> user = login.currentUser(request);
        if (user.isEmpty()) {
            NotAuthenticated.send(request, response);
            return;
        }
        JsonResponse.send(response, HttpServletResponse.SC_OK, body(request, user.get()));
    }

    /** The JSON body (maps, lists, strings, numbers) for this user. */
    abstract Object body(HttpServletRequest request, RequestUser user);

    /** What every who-am-I answer adds to the product's own fields: how this request was authenticated. */
    static void addAuthentication(java.util.Map<String, Object> body, RequestUser user) {
        body.put("authenticatedBy", user.method().name());
        if (user.tokenId() != null) {
            body.put("tokenId", user.tokenId());
        }
    }
}
