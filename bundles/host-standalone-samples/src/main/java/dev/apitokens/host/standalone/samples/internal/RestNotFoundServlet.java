package dev.apitokens.host.standalone.samples.internal;

import dev.apitokens.http.support.JsonMessage;
import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Any {@code /rest/*} path no endpoint serves: a JSON 404 ({@code {"message": "not found: <path>"}}) like every
 * other REST error, instead of Jetty's HTML page, which scripts cannot parse. Every real endpoint has a longer
 * pattern, so it wins by the servlet mapping rules; the lowest ranking makes any other servlet on exactly
 * {@code /rest/*} win as well.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("api-tokens-standalone-rest-not-found")
@HttpWhiteboardServletPattern(RestNotFoundServlet.PATTERN)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
@ServiceRanking(Integer.MIN_VALUE)
public class RestNotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATTERN = "/rest/*";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        JsonMessage.send(response, HttpServletResponse.SC_NOT_FOUND, "not found: " + path);
    }
}
