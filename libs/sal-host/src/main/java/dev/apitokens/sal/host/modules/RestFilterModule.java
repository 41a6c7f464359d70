package dev.apitokens.sal.host.modules;

import com.atlassian.annotations.security.UnrestrictedAccess;
import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code servlet-filter} module at {@code before-dispatch} on {@code /rest/api-tokens/latest/*}: answers the
 * token REST API itself (the {@code rest} component, a plain servlet), so the original product's paths stay as they
 * were without a JAX-RS resource. It runs after the host's login, so session and password users are known.
 */
@UnrestrictedAccess
public class RestFilterModule implements Filter {

    static final String COMPONENT = "dev.apitokens.rest.internal.TokensServlet";
    static final String PREFIX = "/rest/api-tokens/latest";
    private static final long WAIT_MILLIS = 5_000;

    private RegisteredService<Servlet> api;

    @Override
    public void init(FilterConfig config) {
        api = new RegisteredService<>(getClass(), Servlet.class, COMPONENT);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        MountedRequest request = MountedRequest.under((HttpServletRequest) req, PREFIX);
        if (request == null) {
            chain.doFilter(req, res);
            return;
        }
        Servlet servlet = api.get(WAIT_MILLIS);
        if (servlet == null) {
            ((HttpServletResponse) res).sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "API tokens are starting");
            return;
        }
        servlet.service(request, res);
    }

    @Override
    public void destroy() {
        if (api != null) {
            api.close();
        }
    }
}
