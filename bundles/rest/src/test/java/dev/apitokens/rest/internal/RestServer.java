package dev.apitokens.rest.internal;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The REST servlet in a real Jetty 12 servlet container on a free port, with an in-memory service and host. */
final class RestServer implements AutoCloseable {

    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    static final ObjectMapper MAPPER = new ObjectMapper();

    final InMemoryTokenService tokens = new InMemoryTokenService();
    final TestHost host = new TestHost();
    final TokensServlet servlet;
    private final Server server = new Server();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final int port;

    RestServer() throws Exception {
        tokens.now = NOW;
        servlet = new TokensServlet(tokens, host, host, config(), Clock.fixed(NOW, ZoneOffset.UTC));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/rest/api-tokens/latest/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
        base = "http://127.0.0.1:" + port + "/rest/api-tokens/latest";
    }

    /** Small store pages, so that GET /all has to page; UTC, so local date-times are predictable. */
    private static TokensServlet.Config config() {
        return new TokensServlet.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TokensServlet.Config.class;
            }

            @Override
            public String[] osgi_http_whiteboard_servlet_pattern() {
                return new String[] { "/rest/api-tokens/latest/*" };
            }

            @Override
            public String osgi_http_whiteboard_context_select() {
                return "(osgi.http.whiteboard.context.name=default)";
            }

            @Override
            public int maxBodyBytes() {
                return 1024;
            }

            @Override
            public int adminPageSize() {
                return 3;
            }

            @Override
            public int allPageSize() {
                return 2;
            }

            @Override
            public String timeZone() {
                return "UTC";
            }
        };
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The loopback port the server listens on, for tests that speak raw HTTP. */
    int port() {
        return port;
    }

    /** A request to the API as {@code user} (or anonymous if {@code null}) authenticated by {@code method}. */
    HttpRequest.Builder request(String path, String user, String method) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            request.header("X-Test-User", user).header("X-Test-Method", method);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String user) throws Exception {
        return send(request(path, user, "PASSWORD").GET());
    }

    HttpResponse<String> delete(String path, String user) throws Exception {
        return send(request(path, user, "PASSWORD").DELETE());
    }

    HttpResponse<String> postJson(String path, String user, String method, String body) throws Exception {
        return send(request(path, user, method).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    /** The canonical compact form of a JSON text, keeping field order. */
    static String compact(String json) throws Exception {
        return MAPPER.writeValueAsString(MAPPER.readTree(json));
    }
}
