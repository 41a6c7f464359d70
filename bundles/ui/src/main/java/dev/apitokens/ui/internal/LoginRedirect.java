package dev.apitokens.ui.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;

import jakarta.servlet.http.HttpServletRequest;

/** Sends anonymous visitors to the login page and, after login, back to where they were going. */
final class LoginRedirect {

    /** Jira's name for the parameter, so bookmarked Jira login links keep working. */
    static final String DESTINATION_PARAMETER = "os_destination";

    private static final int MAX_DESTINATION_LENGTH = 2048;

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

    /**
     * {@code requested} if it is a path on this server (below the context path), else {@code fallback}. Absolute
     * and protocol-relative URLs are refused so that a crafted login link cannot send a user to another site
     * after they typed their password.
     */
    static String safeDestination(String requested, String fallback) {
        if (requested == null || requested.isEmpty() || requested.length() > MAX_DESTINATION_LENGTH
                || requested.charAt(0) != '/' || requested.startsWith("//")) {
            return fallback;
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            // browsers read a backslash as a slash ("/\evil.example") and drop control characters
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return fallback;
            }
        }
        return requested;
    }
}
