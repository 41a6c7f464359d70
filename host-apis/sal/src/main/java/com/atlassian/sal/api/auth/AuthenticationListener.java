package com.atlassian.sal.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Declaration of SAL's authentication listener: the host's hook that logs a request in once a plugin has
 * authenticated it (Seraph in Jira and Confluence).
 *
 * <p>Declared from: https://docs.atlassian.com/sal-api/2.0.16-SNAPSHOT/com/atlassian/sal/api/auth/AuthenticationListener.html
 * ({@code authenticationSuccess(Authenticator.Result, HttpServletRequest, HttpServletResponse)}). The page shows
 * {@code javax.servlet}; Platform 8 moved to {@code jakarta.servlet}, declared here without a page seen that shows it.
 * Compile-only: never packaged into a plugin jar.
 */
public interface AuthenticationListener {

    void authenticationSuccess(Authenticator.Result result, HttpServletRequest request, HttpServletResponse response);
}
