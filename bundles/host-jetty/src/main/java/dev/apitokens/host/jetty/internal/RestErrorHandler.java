package dev.apitokens.host.jetty.internal;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty server's error handler: answers errors under the JSON paths with {@code {"message": ...}} and hands
 * every other error to the handler it replaced. Jetty calls it for what never reaches a servlet: a request whose
 * headers are too large (431), a malformed request (400), a failure outside any servlet (500).
 *
 * <p>A request target Jetty refuses as such (an ambiguous or badly encoded path, {@code /rest/a/%2e%2e/b}) reaches
 * this handler under one of Jetty's placeholder paths ({@code /badURI}, or {@code /badMessage} when the request line
 * itself could not be read, e.g. a {@code %00} in it), not its own: Jetty does not repeat a hostile target. Its path being unknown, such a refusal is answered in JSON too: browsers do not send such targets,
 * the scripts that do expect JSON, and the message says no more than Jetty's reason.
 */
final class RestErrorHandler implements Request.Handler {

    /** The paths Jetty's HTTP/1.1 connection gives a request whose target it could not accept or read. */
    private static final java.util.Set<String> UNREADABLE_TARGETS = java.util.Set.of("/badURI", "/badMessage");

    private final Request.Handler replaced;
    private final JsonErrorBody json;

    RestErrorHandler(Request.Handler replaced, JsonErrorBody json) {
        this.replaced = replaced == null ? new ErrorHandler() : replaced;
        this.json = json;
    }

    /** The handler this one stands in front of, to put back when the hook goes away. */
    Request.Handler replaced() {
        return replaced;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpURI uri = request.getHttpURI();
        if (uri == null || !(json.covers(uri.getPath()) || UNREADABLE_TARGETS.contains(uri.getPath()))) {
            return replaced.handle(request, response, callback);
        }
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        byte[] body = JsonErrorBody.of(status, message instanceof String text ? text : null, HttpStatus.getMessage(status));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
