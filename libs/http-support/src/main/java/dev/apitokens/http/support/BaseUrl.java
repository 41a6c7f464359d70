package dev.apitokens.http.support;

import jakarta.servlet.http.HttpServletRequest;

/** The base URL a client used, for the {@code self} links of JSON answers. */
public final class BaseUrl {

    private BaseUrl() {
    }

    /** e.g. {@code http://localhost:8080} or {@code https://jira.example.com/jira}: no default port, no slash at the end. */
    public static String of(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
