package dev.apitokens.host.jetty.internal;

import dev.apitokens.http.support.JsonMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;

/**
 * The error page of the default servlet context, for every {@code sendError} (a 405 from a servlet without that
 * method, a whiteboard failure): JSON under the JSON paths, a short HTML page elsewhere.
 */
@Component(service = Servlet.class, configurationPid = JsonErrorsConfig.PID)
@HttpWhiteboardServletName("api-tokens-error-page")
@HttpWhiteboardServletErrorPage(errorPage = { "4xx", "5xx" })
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient JsonErrorBody json;

    @Activate
    public ErrorPageServlet(JsonErrorsConfig config) {
        this.json = new JsonErrorBody(config.jsonPaths());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code : response.getStatus();
        String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path
                ? path : request.getRequestURI();
        String message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String text ? text : null;
        if (json.covers(uri)) {
            JsonMessage.sendJson(response, status, JsonErrorBody.of(status, message, null));
            return;
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        String title = status + (status >= 500 ? " Server Error" : " Error");
        byte[] body = ("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title
                + "</h1></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
