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
 * A {@code servlet-filter} module that answers the requests under a path itself, with one of the plugin's servlet
 * components, so that our paths stay what they are in the standalone host ({@code /rest/api-tokens/latest} for the
 * REST API, {@code /apitokens-ui} for the pages' scripts and styles) without a JAX-RS resource or the
 * {@code /plugins/servlet} prefix. Init parameters: {@value #COMPONENT_PARAM} (the component's name) and
 * {@value #PREFIX_PARAM} (the path it is mounted at). At {@code before-dispatch} it runs after the host's login, so
 * session and password users are known; requests outside the prefix continue down the chain.
 */
@UnrestrictedAccess
public class ServletFilterModule implements Filter {

    static final String COMPONENT_PARAM = "apitokens.component";
    static final String PREFIX_PARAM = "apitokens.prefix";
    private static final long WAIT_MILLIS = 5_000;

    private RegisteredService<Servlet> servlet;
    private String prefix;

    @Override
    public void init(FilterConfig config) throws ServletException {
        String component = config.getInitParameter(COMPONENT_PARAM);
        prefix = config.getInitParameter(PREFIX_PARAM);
        if (component == null || prefix == null || !prefix.startsWith("/")) {
            throw new ServletException("init parameters " + COMPONENT_PARAM + " and " + PREFIX_PARAM + " are required");
        }
        servlet = new RegisteredService<>(getClass(), Servlet.class, component);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        MountedRequest request = MountedRequest.under((HttpServletRequest) req, prefix);
        if (request == null) {
            chain.doFilter(req, res);
            return;
        }
        Servlet target = servlet.get(WAIT_MILLIS);
        if (target == null) {
            ((HttpServletResponse) res).sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "API tokens are starting");
            return;
        }
        target.service(request, res);
    }

    @Override
    public void destroy() {
        if (servlet != null) {
            servlet.close();
        }
    }
}
