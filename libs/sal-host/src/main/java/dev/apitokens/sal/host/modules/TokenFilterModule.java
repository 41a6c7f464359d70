package dev.apitokens.sal.host.modules;

import com.atlassian.annotations.security.UnrestrictedAccess;
import dev.apitokens.sal.host.SalLogin;
import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The {@code servlet-filter} module at {@code before-login} on {@code /rest/*}: runs the plugin's token filter
 * (the {@code authfilter} component) ahead of the host's own login, with the response at hand for SAL's
 * {@code AuthenticationListener} (see {@link SalLogin}).
 *
 * <p>A token request is stateless: if the host's login created a session for it (Seraph keeps the user in the
 * session), that session is invalidated once the request is done, so a token never turns into a session cookie.
 * A session the client already had is left alone.
 */
@UnrestrictedAccess
public class TokenFilterModule implements Filter {

    static final String COMPONENT = "dev.apitokens.authfilter.internal.AuthFilter";
    private static final long WAIT_MILLIS = 5_000;

    private RegisteredService<Filter> tokenFilter;

    @Override
    public void init(FilterConfig config) {
        tokenFilter = new RegisteredService<>(getClass(), Filter.class, COMPONENT);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Filter filter = tokenFilter.get(WAIT_MILLIS);
        if (filter == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "API tokens are starting");
            return;
        }
        boolean hadSession = request.getSession(false) != null;
        request.setAttribute(SalLogin.RESPONSE_ATTRIBUTE, response);
        try {
            filter.doFilter(request, response, chain);
        } finally {
            request.removeAttribute(SalLogin.RESPONSE_ATTRIBUTE);
            if (!hadSession && request.getAttribute(SalLogin.TOKEN_ATTRIBUTE) != null) {
                invalidate(request.getSession(false));
            }
        }
    }

    private static void invalidate(HttpSession session) {
        if (session == null) {
            return;
        }
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // the host ended it itself
        }
    }

    @Override
    public void destroy() {
        if (tokenFilter != null) {
            tokenFilter.close();
        }
    }
}
