package dev.apitokens.ui.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Sends anonymous visitors to the host's login page with the page they were going to, which the login page returns
 * them to after login (the host checks that it is a path on this site).
 */
final class LoginRedirect {

    /** Jira's name for the parameter, so bookmarked Jira login links keep working. */
    static final String DESTINATION_PARAMETER = "os_destination";

    private LoginRedirect() {
    }

    /** The login page's URL that returns to this request's page (path and query) after a successful login. */
    static String loginUrlFor(HttpServletRequest request, String loginPath) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String query = request.getQueryString();
        String destination = query == null ? path : path + "?" + query;
        return request.getContextPath() + loginPath + "?" + DESTINATION_PARAMETER + "="
                + URLEncoder.encode(destination, UTF_8);
    }
}
