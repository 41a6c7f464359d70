package dev.apitokens.testing.simulatedhost;

import com.atlassian.sal.api.auth.AuthenticationListener;
import com.atlassian.sal.api.auth.Authenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The simulated host's login, in the role Seraph plays in Jira and Confluence: as the filter at the {@code login}
 * location it signs in a request by its session or by HTTP Basic with the user's password; as SAL's
 * {@code AuthenticationListener} it signs in the user a plugin authenticated, and, as Seraph does, keeps that user
 * in a session (which it creates).
 */
final class SimulatedSeraph implements Filter, AuthenticationListener {

    private static final String USER = "simulated.host.user";

    static String requestUser(HttpServletRequest request) {
        Object user = request.getAttribute(USER);
        return user instanceof String name ? name : null;
    }

    @Override
    public void authenticationSuccess(Authenticator.Result result, HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response) {
        String name = result.getPrincipal().getName();
        request.setAttribute(USER, name);
        request.getSession(true).setAttribute(USER, name);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (requestUser(request) == null) {
            HttpSession session = request.getSession(false);
            Object fromSession = session == null ? null : session.getAttribute(USER);
            if (fromSession instanceof String name) {
                request.setAttribute(USER, name);
            } else {
                String basicUser = passwordUser(request.getHeader("Authorization"));
                if (basicUser != null) {
                    request.setAttribute(USER, basicUser);
                }
            }
        }
        chain.doFilter(req, res);
    }

    private static String passwordUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        SimulatedDirectory.User user = SimulatedDirectory.byName(decoded.substring(0, colon));
        boolean ok = user != null && user.password().equals(decoded.substring(colon + 1))
                && SimulatedDirectory.isActive(user.name());
        return ok ? user.name() : null;
    }
}
