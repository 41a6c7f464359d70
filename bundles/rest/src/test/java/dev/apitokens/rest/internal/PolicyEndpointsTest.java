package dev.apitokens.rest.internal;

import static dev.apitokens.rest.internal.RestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenPolicyException;
import dev.apitokens.api.TokenPolicyException.Reason;
import dev.apitokens.api.TokenScope;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /policy} and the statuses of create requests the policy refuses. */
class PolicyEndpointsTest {

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
        server.tokens.policy = TokenPolicy.UNRESTRICTED;
        server.tokens.mayCreate = true;
        server.host.byName.clear();
        server.host.add("key-alice", "alice", false);
    }

    @Test
    void everySignedInUserSeesThePolicyAndWhetherTheyMayCreate() throws Exception {
        server.tokens.policy = new TokenPolicy(true, 30, 90, 5, List.of("developers"), Set.of(TokenScope.READ));
        server.tokens.mayCreate = false;
        HttpResponse<String> response = server.get("/policy", "alice");
        assertEquals(200, response.statusCode());
        assertEquals("{\"requireExpiry\":true,\"defaultLifetimeDays\":30,\"maxLifetimeDays\":90,\"maxTokensPerUser\":5,"
                + "\"creatorGroups\":[\"developers\"],\"userScopes\":[\"read\"],\"mayCreate\":false}",
                response.body());
        assertEquals(401, server.get("/policy", null).statusCode());
        JsonNode open = json(server.get("/policy", "alice"));
        assertFalse(open.get("mayCreate").asBoolean());
    }

    @Test
    void refusalsGet400Or403Or409WithTheMessage() throws Exception {
        assertStatus(Reason.EXPIRY_REQUIRED, 400);
        assertStatus(Reason.LIFETIME_TOO_LONG, 400);
        assertStatus(Reason.SCOPE_NOT_ALLOWED, 400);
        assertStatus(Reason.NOT_PERMITTED, 403);
        assertStatus(Reason.TOO_MANY_TOKENS, 409);
    }

    @Test
    void theAdminListingMarksTokensThatBreakThePolicy() throws Exception {
        server.host.add("key-admin", "admin", true);
        server.tokens.put("old", "key-alice", "made before the policy");
        server.tokens.policy = new TokenPolicy(true, 0, 0, 0, List.of(), Set.of());
        JsonNode token = json(server.get("/admin/tokens", "admin")).get("tokens").get(0);
        assertEquals("[\"never expires\"]", token.get("policyViolations").toString());
        server.tokens.policy = TokenPolicy.UNRESTRICTED;
        assertEquals("[]", json(server.get("/admin/tokens", "admin")).get("tokens").get(0).get("policyViolations")
                .toString());
    }

    private static void assertStatus(Reason reason, int status) throws Exception {
        server.tokens.failure = () -> new TokenPolicyException(reason, "refused: " + reason);
        HttpResponse<String> response = server.postJson("/", "alice", "PASSWORD", "{\"label\": \"x\"}");
        assertEquals(status, response.statusCode(), reason.name());
        assertEquals("refused: " + reason, json(response).get("message").asText());
    }
}
