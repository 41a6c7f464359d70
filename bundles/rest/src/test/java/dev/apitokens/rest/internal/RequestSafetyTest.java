package dev.apitokens.rest.internal;

import static dev.apitokens.rest.internal.RestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.TokenStoreUnavailableException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/** Who may do what (401, CSRF, token-cannot-mint) and how failures look to a client (404, 405, 500, 503). */
class RequestSafetyTest {

    private static RestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RestServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.tokens.tokens.clear();
        server.tokens.failure = null;
        server.host.byName.clear();
        server.host.add("key-alice", "alice", false);
    }

    private static HttpResponse<String> post(String method, String csrfHeader) throws Exception {
        HttpRequest.Builder request = server.request("/", "alice", method).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"x\"}"));
        if (csrfHeader != null) {
            request.header("X-Atlassian-Token", csrfHeader);
        }
        return server.send(request);
    }

    @Test
    void anonymousGets401Json() throws Exception {
        for (String path : new String[] { "/", "/all", "/license", "/admin/tokens", "/nope/nope" }) {
            HttpResponse<String> response = server.get(path, null);
            assertEquals(401, response.statusCode(), path);
            assertEquals("{\"message\":\"authentication required\"}", response.body());
        }
        assertEquals(401, server.send(server.request("/", null, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"x\"}"))).statusCode());
        assertEquals(401, server.delete("/all", null).statusCode());
    }

    @Test
    void sessionNeedsTheAntiCsrfHeaderToChangeState() throws Exception {
        HttpResponse<String> refused = post("SESSION", null);
        assertEquals(403, refused.statusCode());
        assertTrue(json(refused).get("message").asText().startsWith("XSRF check failed"));
        assertEquals(403, post("SESSION", "yes-please").statusCode());
        assertEquals(200, post("SESSION", "no-check").statusCode());
        assertEquals(200, post("SESSION", "nocheck").statusCode());
        assertEquals(200, post("SESSION", " No-Check ").statusCode());
        assertEquals(2 + 1, server.tokens.tokens.size(), "only the three accepted posts created tokens");

        server.tokens.put("t", "key-alice", "t");
        HttpResponse<String> delete = server.send(server.request("/t", "alice", "SESSION").DELETE());
        assertEquals(403, delete.statusCode());
        assertEquals(1, server.tokens.list("key-alice").stream().filter(t -> t.id().equals("t")).count());
        assertEquals(403, server.send(server.request("/all", "alice", "SESSION").DELETE()).statusCode());
        assertEquals(204, server.send(server.request("/t", "alice", "SESSION").header("X-Atlassian-Token", "no-check")
                .DELETE()).statusCode());
    }

    @Test
    void sessionMayReadWithoutTheHeader() throws Exception {
        assertEquals(200, server.send(server.request("/", "alice", "SESSION").GET()).statusCode());
    }

    @Test
    void passwordAndTokenRequestsNeedNoAntiCsrfHeader() throws Exception {
        assertEquals(200, post("PASSWORD", null).statusCode());
        server.tokens.put("t", "key-alice", "t");
        assertEquals(204, server.send(server.request("/t", "alice", "TOKEN").DELETE()).statusCode());
    }

    @Test
    void aTokenCannotMintTokens() throws Exception {
        HttpResponse<String> response = post("TOKEN", "no-check");
        assertEquals(403, response.statusCode());
        assertEquals("{\"message\":\"an API token cannot create API tokens; sign in with your password\"}",
                response.body());
        assertTrue(server.tokens.tokens.isEmpty());
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        HttpResponse<String> unknown = server.get("/some/deep/path", "alice");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"message\":\"no such resource\"}", unknown.body());
        HttpResponse<String> put = server.send(server.request("/", "alice", "PASSWORD")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(405, put.statusCode());
        assertEquals("GET, HEAD, POST, OPTIONS", put.headers().firstValue("Allow").orElseThrow());
        assertTrue(json(put).get("message").asText().startsWith("method not allowed"));
        assertEquals(405, server.get("/sometoken", "alice").statusCode());
    }

    @Test
    void headIsGetWithoutABodyAndOptionsNamesWhatAResourceAllows() throws Exception {
        HttpResponse<String> get = server.get("/", "alice");
        HttpResponse<String> head = server.send(server.request("/", "alice", "PASSWORD")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));

        HttpResponse<String> options = server.send(server.request("/policy", "alice", "PASSWORD")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS", options.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> ofAToken = server.send(server.request("/sometoken", "alice", "PASSWORD")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals("DELETE, PATCH, OPTIONS", ofAToken.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> nowhere = server.send(server.request("/some/deep/path", "alice", "PASSWORD")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(404, nowhere.statusCode());
    }

    @Test
    void storeOutageIs503Json() throws Exception {
        server.tokens.failure = () -> new TokenStoreUnavailableException("connection refused", null);
        HttpResponse<String> response = server.get("/", "alice");
        assertEquals(503, response.statusCode());
        assertEquals("{\"message\":\"the token store is temporarily unavailable, try again later\"}", response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertEquals(503, post("PASSWORD", null).statusCode());
    }

    @Test
    void coreRejectionIs400WithItsMessage() throws Exception {
        server.tokens.failure = () -> new dev.apitokens.api.InvalidTokenRequestException("too many tokens");
        HttpResponse<String> response = post("PASSWORD", null);
        assertEquals(400, response.statusCode());
        assertEquals("{\"message\":\"too many tokens\"}", response.body());
    }

    @Test
    void unexpectedFailureIs500WithoutStackTrace() throws Exception {
        server.tokens.failure = () -> new IllegalStateException("secret internals at dev.apitokens.core");
        HttpResponse<String> response = server.get("/", "alice");
        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"internal error\"}", response.body());
        assertFalse(response.body().contains("internals"));
    }
}
