package dev.apitokens.rest.internal;

import static dev.apitokens.rest.internal.RestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenScope;
import dev.apitokens.api.UsedAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Scopes and restrictions at create, {@code /self}, rotation, rename and admin create over real HTTP. */
class LifecycleEndpointsTest {

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
        server.host.add("key-bob", "bob", false);
        server.host.add("key-admin", "admin", true);
    }

    private HttpResponse<String> asToken(String tokenId, String method, String path) throws Exception {
        return server.send(server.request(path, "alice", "TOKEN").header("X-Test-Token", tokenId)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> patch(String path, String user, String body) throws Exception {
        return server.send(server.request(path, user, "PASSWORD").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void createTakesScopesPathsAndIpsAndTheListShowsThem() throws Exception {
        HttpResponse<String> response = server.postJson("/", "alice", "PASSWORD", "{\"label\": \"CI\", \"scopes\": "
                + "[\"read\"], \"allowedPaths\": [\"/rest/api/2/issue\"], \"allowedIps\": [\"10.0.0.0/8\"]}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode created = json(response);
        assertEquals("[\"read\"]", created.get("scopes").toString());
        assertEquals("[\"/rest/api/2/issue\"]", created.get("allowedPaths").toString());
        assertEquals("[\"10.0.0.0/8\"]", created.get("allowedIps").toString());
        JsonNode listed = json(server.get("/", "alice")).get(0);
        assertEquals("[\"read\"]", listed.get("scopes").toString());
        assertEquals("[\"/rest/api/2/issue\"]", listed.get("allowedPaths").toString());
        assertEquals("[\"10.0.0.0/8\"]", listed.get("allowedIps").toString());
        assertTrue(listed.get("createdBy").isNull());
        assertEquals("[]", listed.get("lastAddresses").toString());

        JsonNode plain = json(server.postJson("/", "alice", "PASSWORD", "{\"label\": \"New token\"}"));
        assertEquals("[\"write\"]", plain.get("scopes").toString());
    }

    @Test
    void badScopesAndListsAre400() throws Exception {
        for (String body : List.of("{\"label\": \"x\", \"scopes\": [\"admin\"]}", "{\"label\": \"x\", \"scopes\": \"read\"}",
                "{\"label\": \"x\", \"allowedPaths\": [1]}", "{\"label\": \"x\", \"allowedIps\": {\"a\": 1}}")) {
            HttpResponse<String> response = server.postJson("/", "alice", "PASSWORD", body);
            assertEquals(400, response.statusCode(), body);
            assertTrue(response.body().startsWith("{\"message\":\""), response.body());
        }
        assertTrue(server.tokens.tokens.isEmpty());
    }

    @Test
    void selfShowsTheCallingTokenAndIs404Otherwise() throws Exception {
        server.tokens.put(new TokenInfo("tokSelf", 3, "key-alice", "script", Instant.ofEpochMilli(1000), null, 2,
                null, "hmac-sha256", Set.of(TokenScope.READ), List.of("/rest"), List.of(), "key-admin",
                List.of(new UsedAddress("10.0.0.1", Instant.ofEpochMilli(5000)))));
        HttpResponse<String> response = asToken("tokSelf", "GET", "/self");
        assertEquals(200, response.statusCode());
        JsonNode self = json(response);
        assertEquals("tokSelf", self.get("id").asText());
        assertEquals("script", self.get("label").asText());
        assertEquals("[\"read\"]", self.get("scopes").toString());
        assertEquals(2, self.get("usageCount").asInt());
        assertEquals("admin", self.get("createdBy").asText());
        assertEquals("[{\"address\":\"10.0.0.1\",\"lastSeen\":5000}]", self.get("lastAddresses").toString());

        assertEquals(404, server.get("/self", "alice").statusCode(), "password");
        assertEquals(404, server.send(server.request("/self", "alice", "SESSION").GET()).statusCode(), "session");
        assertEquals(404, server.send(server.request("/self", "bob", "TOKEN").header("X-Test-Token", "tokSelf")
                .GET()).statusCode(), "another user's token id");
        assertEquals(405, asToken("tokSelf", "DELETE", "/self").statusCode());
    }

    @Test
    void rotationAnswersANewSecretOnceForTheOwner() throws Exception {
        server.tokens.put("tokOld", "key-alice", "CI");
        HttpResponse<String> response = server.postJson("/tokOld/rotate", "alice", "PASSWORD", "");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode rotated = json(response);
        assertNotEquals("tokOld", rotated.get("id").asText());
        assertEquals("CI", rotated.get("label").asText());
        assertTrue(rotated.get("passwordValue").asText().startsWith("apt_secret_"));
        assertEquals(404, server.postJson("/tokOld/rotate", "alice", "PASSWORD", "").statusCode(), "gone");
        assertEquals(404, server.postJson("/" + rotated.get("id").asText() + "/rotate", "bob", "PASSWORD", "")
                .statusCode(), "not bob's");
        HttpResponse<String> byToken = asToken("callertoken", "POST", "/" + rotated.get("id").asText() + "/rotate");
        assertEquals(403, byToken.statusCode());
        assertTrue(byToken.body().contains("/self/rotate"), byToken.body());
    }

    @Test
    void aTokenRotatesItselfButNothingElse() throws Exception {
        server.tokens.put("tokSelf", "key-alice", "script");
        HttpResponse<String> response = asToken("tokSelf", "POST", "/self/rotate");
        assertEquals(200, response.statusCode(), response.body());
        String newId = json(response).get("id").asText();
        assertEquals(List.of(newId), server.tokens.list("key-alice").stream().map(TokenInfo::id).toList());
        assertEquals(404, server.postJson("/self/rotate", "alice", "PASSWORD", "").statusCode());
        assertEquals(403, server.send(server.request("/", "alice", "TOKEN").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"x\"}"))).statusCode(),
                "creating stays forbidden to tokens");
    }

    @Test
    void patchRenames() throws Exception {
        server.tokens.put("tokA", "key-alice", "old");
        assertEquals(204, patch("/tokA", "alice", "{\"label\": \"  new  \"}").statusCode());
        assertEquals("new", server.tokens.list("key-alice").get(0).label());
        assertEquals(400, patch("/tokA", "alice", "{\"label\": \"\"}").statusCode());
        assertEquals(400, patch("/tokA", "alice", "{}").statusCode());
        assertEquals(404, patch("/tokA", "bob", "{\"label\": \"mine\"}").statusCode());
        assertEquals(403, server.send(server.request("/tokA", "alice", "SESSION").header("Content-Type",
                "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"label\": \"csrf\"}")))
                .statusCode(), "a session needs the anti-CSRF header");
        assertEquals("new", server.tokens.list("key-alice").get(0).label());
    }

    @Test
    void anAdminCreatesATokenForAnotherUser() throws Exception {
        HttpResponse<String> response = server.postJson("/admin/users/bob/tokens", "admin", "PASSWORD",
                "{\"label\": \"service\", \"scopes\": [\"read\"]}");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response).get("passwordValue").asText().startsWith("apt_secret_"));
        JsonNode bobs = json(server.get("/", "bob")).get(0);
        assertEquals("service", bobs.get("label").asText());
        assertEquals("admin", bobs.get("createdBy").asText());
        assertEquals("[\"read\"]", bobs.get("scopes").toString());
        JsonNode page = json(server.get("/admin/tokens", "admin")).get("tokens").get(0);
        assertEquals("admin", page.get("createdBy").asText());

        assertEquals(403, server.postJson("/admin/users/bob/tokens", "alice", "PASSWORD", "{\"label\": \"x\"}")
                .statusCode(), "not an admin");
        assertEquals(404, server.postJson("/admin/users/nobody/tokens", "admin", "PASSWORD", "{\"label\": \"x\"}")
                .statusCode());
        assertEquals(403, server.postJson("/admin/users/bob/tokens", "admin", "TOKEN", "{\"label\": \"x\"}")
                .statusCode(), "a token cannot create tokens");
        assertEquals(1, server.tokens.list("key-bob").size());
    }
}
