package dev.apitokens.authfilter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.TokenScope;
import dev.apitokens.host.spi.HostUser;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scope and allowed paths enforced by the filter in a real Jetty 12, and the client address handed to the core. */
class TokenRestrictionsTest {

    private static final HostUser ALICE = new HostUser("key-alice", "alice", "Alice", true, false);
    private static final ScriptedTokenService TOKENS = new ScriptedTokenService();
    private static FilterServer server;

    @BeforeAll
    static void startJetty() throws Exception {
        server = new FilterServer(TOKENS, FilterServer.config("test", 0, 0, 60), Clock.systemUTC());
    }

    @AfterAll
    static void stopJetty() throws Exception {
        server.close();
    }

    @BeforeEach
    void tokens() {
        TOKENS.answers.clear();
        TOKENS.clientAddresses.clear();
        TOKENS.answers.put("apt_read", () -> AuthenticationResult.success(ALICE, "tokR", TokenScope.READ, List.of()));
        TOKENS.answers.put("apt_paths", () -> AuthenticationResult.success(ALICE, "tokP", TokenScope.WRITE,
                List.of("/rest/api/2/issue", "/rest/agile")));
    }

    private static HttpResponse<String> send(String method, String path, String token) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.base + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", FilterServer.basic("alice", token)));
    }

    @Test
    void aReadTokenPassesOnlyGetHeadAndOptions() throws Exception {
        for (String method : List.of("GET", "HEAD", "OPTIONS")) {
            assertEquals(200, send(method, "/rest/api/2/issue/X-1", "apt_read").statusCode(), method);
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = send(method, "/rest/api/2/issue/X-1", "apt_read");
            assertEquals(403, response.statusCode(), method);
            assertEquals("{\"message\":\"this API token has the read scope: only GET, HEAD and OPTIONS requests are "
                    + "allowed\"}", response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        }
    }

    @Test
    void aPathLimitedTokenPassesOnlyWithinItsPrefixesByWholeSegments() throws Exception {
        for (String path : List.of("/rest/api/2/issue", "/rest/api/2/issue/X-1", "/rest/api/2/issue/X-1/comment",
                "/rest/agile/1.0/board?x=/rest/other", "/rest/api/2/issue/X%20Y")) {
            HttpResponse<String> response = send("POST", path, "apt_paths");
            assertEquals(200, response.statusCode(), path);
            assertTrue(response.body().startsWith("user=alice/tokP"), path);
        }
        for (String path : List.of("/rest/api/2/issues", "/rest/api/2/search", "/rest/api/2", "/rest/agilex",
                "/rest/api/2/myself?p=/rest/api/2/issue")) {
            HttpResponse<String> response = send("GET", path, "apt_paths");
            assertEquals(403, response.statusCode(), path);
            assertEquals("{\"message\":\"this API token is limited to the paths /rest/api/2/issue, /rest/agile\"}",
                    response.body());
        }
    }

    /** Raw request lines, so that no client library normalises them first. */
    @ParameterizedTest
    @ValueSource(strings = {"/rest/api/2/issue/../../../admin", "/rest/api/2/issue/%2e%2e/%2e%2e/myself",
            "/rest/api/2/issue/%2E%2E/myself", "/rest/api/2/issue/..%2f..%2fmyself", "/rest/api/2/issue%2f..%2fmyself",
            "/rest/api/2/issue/;/../myself", "/rest/api/2/issue;x=1/../myself", "/rest/api/2/issue/..;/myself",
            "/rest/api/2/issue/.%2e/myself", "/rest/api/2/issue/%252e%252e/myself", "/rest/api/2/issue/..\\myself",
            "/rest/api/2/issue%5c..%5cmyself", "/rest/api/2/issue//../myself", "/rest/api/2/issue/./../myself",
            "/rest/api/2/issue/%c0%ae%c0%ae/myself", "/rest/api/2/issue/%00/../myself"})
    void pathTricksNeverEscapeAPrefix(String path) throws Exception {
        String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + FilterServer.basic("alice", "apt_paths") + "\r\nConnection: close\r\n\r\n");
        int status = Integer.parseInt(response.substring(9, 12));
        assertTrue(status == 400 || status == 403 || status == 404, path + " -> " + response);
        assertFalse(response.contains("user=alice"), "never reaches the application: " + response);
    }

    @Test
    void theStrictDecoderRefusesAmbiguityAndDecodesTheRest() {
        assertEquals(Optional.of("/rest/api/2/issue/X Y"), RequestPath.decode("/rest/api/2/issue/X%20Y"));
        assertEquals(Optional.of("/rest/api/2/issue/\u00e9"), RequestPath.decode("/rest/api/2/issue/%C3%A9"));
        for (String bad : List.of("/a/../b", "/a/%2e%2E/b", "/a%2fb", "/a;b", "/a\\b", "/a//b", "/a/./b", "/a/%25",
                "/a/%zz", "/a/%c0%ae", "/a/%0a", "/a/\u00e9", "a/b", "", "/a/%2", "/a/..")) {
            assertEquals(Optional.empty(), RequestPath.decode(bad), bad);
        }
        assertTrue(RequestPath.isWithin("/rest/api", List.of("/rest/api")));
        assertTrue(RequestPath.isWithin("/anything", List.of("/")));
        assertFalse(RequestPath.isWithin("/rest/apix", List.of("/rest/api")));
    }

    @Test
    void theClientAddressIsHandedToTheCore() throws Exception {
        TOKENS.answers.put("apt_any", () -> AuthenticationResult.success(ALICE, "tokA"));
        assertEquals(200, send("GET", "/rest/x", "apt_any").statusCode());
        assertEquals(List.of("127.0.0.1"), TOKENS.clientAddresses);
    }

    @Test
    void anAddressRefusalIsA401NamingTokenAndAddressInTheLog() throws Exception {
        TOKENS.answers.put("apt_office", () -> AuthenticationResult.failure(
                AuthenticationResult.Reason.ADDRESS_NOT_ALLOWED, "tokO", "client address 127.0.0.1 is not allowed"));
        HttpResponse<String> response = send("GET", "/rest/x", "apt_office");
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"invalid or expired token\"}", response.body());
    }

    private static String raw(String request) throws Exception {
        URI base = URI.create(server.base);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
