package dev.apitokens.host.standalone.samples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link RestNotFoundServlet} on {@code /rest/*} beside a real endpoint, over real HTTP (Jetty). */
class RestNotFoundServletTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Server server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new RestNotFoundServlet()), RestNotFoundServlet.PATTERN);
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
                JsonResponse.send(response, 200, java.util.Map.of("endpoint", "tokens"));
            }
        }), "/rest/api-tokens/latest/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void anUnknownRestPathIsAJson404NamingThePath() throws Exception {
        HttpResponse<String> response = send("GET", "/rest/no/such/thing?x=1");
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("not found: /rest/no/such/thing", body.path("message").asText());
        assertEquals(1, body.size(), response.body());
    }

    @Test
    void everyMethodAndTheBareRootGetTheJson404() throws Exception {
        for (String method : new String[] { "POST", "PUT", "DELETE" }) {
            HttpResponse<String> response = send(method, "/rest/unknown");
            assertEquals(404, response.statusCode(), method);
            assertTrue(response.body().contains("\"not found: /rest/unknown\""), method + " " + response.body());
        }
        assertEquals("{\"message\":\"not found: /rest/\"}", send("GET", "/rest/").body());
    }

    @Test
    void aPathWithQuotesIsEscapedNotEchoedRaw() throws Exception {
        HttpResponse<String> response = send("GET", "/rest/%22%3Cscript%3E");
        assertEquals(404, response.statusCode());
        assertEquals("not found: /rest/\"<script>",
                new ObjectMapper().readTree(response.body()).path("message").asText());
    }

    @Test
    void aRealEndpointWins() throws Exception {
        HttpResponse<String> response = send("GET", "/rest/api-tokens/latest/");
        assertEquals(200, response.statusCode());
        assertEquals("{\"endpoint\":\"tokens\"}", response.body());
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
