package dev.apitokens.host.jetty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hook in the Jetty that Felix HTTP embeds (the classes of the shipped bundle), over a real loopback socket:
 * Jetty's own refusals are JSON under /rest and left alone elsewhere.
 */
class RestErrorHandlerTest {

    private Server server;
    private ServerConnector connector;
    private JettyErrorHook hook;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (request.getHttpURI().getPath().endsWith("/boom")) {
                    throw new IllegalStateException("secret detail of a bug");
                }
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        hook = new JettyErrorHook(config("/rest"));
        server.addConnector(hook.createConnector(server));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    static JsonErrorsConfig config(String... paths) {
        return new JsonErrorsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return JsonErrorsConfig.class;
            }

            @Override
            public String[] jsonPaths() {
                return paths;
            }
        };
    }

    @Test
    void headersTooLargeUnderRestAreJson() throws Exception {
        String answer = exchange("GET /rest/api/2/myself HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertTrue(answer.contains("Content-Type: application/json"), answer);
        assertTrue(answer.endsWith("}") && answer.contains("{\"message\":\""), answer);
    }

    @Test
    void aBadHeaderUnderRestIsJson400() throws Exception {
        String answer = exchange("GET /rest/x HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("Content-Type: application/json"), answer);
        assertTrue(answer.contains("{\"message\":\""), answer);
    }

    @Test
    void anAmbiguousOrBadlyEncodedTargetIsJson400WithoutEchoingIt() throws Exception {
        for (String target : new String[] { "/rest/api-tokens/latest/%2e%2e/admin", "/rest/a%2fb", "/rest/x%00y",
                "/rest/a%5cb", "/rest/x/;p=1/y", "/rest//admin" }) {
            String answer = exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), target + ": " + answer);
            assertTrue(answer.contains("Content-Type: application/json"), target + ": " + answer);
            assertTrue(answer.contains("{\"message\":\""), target + ": " + answer);
            assertFalse(answer.contains(target), target + ": " + answer);
        }
    }

    @Test
    void aFailureUnderRestIsJson500WithoutItsDetail() throws Exception {
        String answer = exchange("GET /rest/boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 500"), answer);
        assertTrue(answer.endsWith("{\"message\":\"internal error\"}"), answer);
        assertFalse(answer.contains("secret detail"), answer);
    }

    @Test
    void otherPathsKeepJettysOwnPages() throws Exception {
        String answer = exchange("GET /secure/page HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertFalse(answer.contains("application/json"), answer);
    }

    @Test
    void theHookAddsNoSocketAndPutsTheOldHandlerBack() throws Exception {
        assertEquals(1, server.getConnectors().length - countLocal(), "only the loopback connector listens");
        Request.Handler ours = server.getErrorHandler();
        assertTrue(ours instanceof RestErrorHandler);
        hook.createConnector(server);
        assertTrue(((RestErrorHandler) server.getErrorHandler()).replaced() == ((RestErrorHandler) ours).replaced(),
                "a second call does not stack handlers");
        hook.deactivate();
        assertFalse(server.getErrorHandler() instanceof RestErrorHandler);
    }

    private long countLocal() {
        return java.util.Arrays.stream(server.getConnectors()).filter(c -> c instanceof LocalConnector).count();
    }

    @Test
    void jsonPathsMatchWholeSegments() {
        JsonErrorBody json = new JsonErrorBody(new String[] { "/rest/", " /api " });
        assertTrue(json.covers("/rest"));
        assertTrue(json.covers("/rest/api/2/myself"));
        assertTrue(json.covers("/api/x"));
        assertFalse(json.covers("/restaurant"));
        assertFalse(json.covers("/secure/x"));
        assertFalse(json.covers(null));
        assertEquals("{\"message\":\"a\\\"b\\u000a\"}",
                new String(JsonErrorBody.of(400, "a\"b\n", "Bad Request"), StandardCharsets.UTF_8));
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", connector.getLocalPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] buffer = new byte[65536];
            StringBuilder answer = new StringBuilder();
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0;) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    if (answer.indexOf("\r\n\r\n") >= 0 && answer.toString().endsWith("}")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // what arrived is the answer
            }
            return answer.toString();
        }
    }
}
