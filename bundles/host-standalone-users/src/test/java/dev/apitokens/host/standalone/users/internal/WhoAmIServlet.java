package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.JsonMessage;
import dev.apitokens.http.support.NotAuthenticated;
import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A test endpoint behind the login filter: the user the request runs as and how, as {@link HostLogin} tells any
 * endpoint; 401 like the product endpoints when nobody is logged in.
 */
final class WhoAmIServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient HostLogin login;

    WhoAmIServlet(HostLogin login) {
        this.login = login;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<RequestUser> current = login.currentUser(request);
        if (current.isEmpty()) {
            NotAuthenticated.send(request, response);
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("name", current.get().user().name())
                .put("key", current.get().user().key()).put("displayName", current.get().user().displayName())
                .put("authenticatedBy", current.get().method().name());
        if (current.get().tokenId() != null) {
            body.put("tokenId", current.get().tokenId());
        }
        JsonMessage.sendJson(response, 200, JSON.writeValueAsBytes(body));
    }
}
