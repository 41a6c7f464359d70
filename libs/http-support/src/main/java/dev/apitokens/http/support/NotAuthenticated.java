package dev.apitokens.http.support;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The 401 of an endpoint that needs a logged-in user: a Basic challenge in the realm the login filter in front of
 * it named, and Jira's message as JSON.
 */
public final class NotAuthenticated {

    /** Request attribute (a {@code String}) by which a login filter names its realm to the endpoints behind it. */
    public static final String REALM_ATTRIBUTE = "dev.apitokens.http.realm";
    /** The realm when no login filter named one. */
    public static final String DEFAULT_REALM = "api-tokens";

    private NotAuthenticated() {
    }

    /** The realm of the login filter the request passed, {@value #DEFAULT_REALM} if none. */
    public static String realm(HttpServletRequest request) {
        return request.getAttribute(REALM_ATTRIBUTE) instanceof String realm ? realm : DEFAULT_REALM;
    }

    public static void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.addHeader("WWW-Authenticate", "Basic realm=\"" + realm(request) + "\"");
        JsonMessage.send(response, HttpServletResponse.SC_UNAUTHORIZED,
                "You are not authenticated. Authentication required to perform this operation.");
    }
}
