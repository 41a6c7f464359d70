package dev.apitokens.sal.host.modules;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request as our servlets expect it, mounted at {@code servletPath}: the host maps its own servlets (Jira's REST
 * servlet at {@code /rest}, the plugin servlet at {@code /plugins/servlet}), so path and path info are recomputed
 * from the request URI.
 */
final class MountedRequest extends HttpServletRequestWrapper {

    private final String servletPath;
    private final String pathInfo;

    MountedRequest(HttpServletRequest request, String servletPath, String pathInfo) {
        super(request);
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
    }

    /** The request mounted at {@code prefix}, or {@code null} when its path does not start with it. */
    static MountedRequest under(HttpServletRequest request, String prefix) {
        String uri = request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        if (!uri.startsWith(context + prefix)) {
            return null;
        }
        String rest = uri.substring(context.length() + prefix.length());
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            return null;
        }
        return new MountedRequest(request, prefix, rest.isEmpty() ? null : rest);
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }
}
