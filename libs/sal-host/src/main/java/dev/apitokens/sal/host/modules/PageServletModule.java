package dev.apitokens.sal.host.modules;

import com.atlassian.annotations.security.AdminOnly;
import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A {@code servlet} module for one of the pages of the {@code ui} component: the descriptor's init parameter
 * {@value #PAGE_PARAM} names the page's path in the standalone host ({@code /secure/admin/ApiTokens.jspa} for the
 * admin page), and the request is handed to the page servlet as if it had come on that path.
 */
@AdminOnly
public class PageServletModule extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String COMPONENT = "dev.apitokens.ui.internal.PageServlet";
    static final String PAGE_PARAM = "apitokens.page";
    private static final long WAIT_MILLIS = 5_000;

    private transient RegisteredService<Servlet> pages;
    private String page;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        page = config.getInitParameter(PAGE_PARAM);
        if (page == null || !page.startsWith("/")) {
            throw new ServletException("init parameter " + PAGE_PARAM + " must name a page path");
        }
        pages = new RegisteredService<>(getClass(), Servlet.class, COMPONENT);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Servlet servlet = pages.get(WAIT_MILLIS);
        if (servlet == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "API tokens are starting");
            return;
        }
        servlet.service(new MountedRequest(request, page, null), response);
    }

    @Override
    public void destroy() {
        if (pages != null) {
            pages.close();
        }
    }
}
