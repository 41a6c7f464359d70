package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitokens.e2e.RestClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The administrators' token policy over real HTTP against the Jira distribution: configured through the
 * configuration directory (as an admin would), enforced on create, shown by GET /policy, changed while running,
 * and tokens made before a change still working and marked in the admin listing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenPolicyIT {

    private static final String API = "/rest/api-tokens/latest/";
    private static final String PID = "dev.apitokens.policy";

    private Distribution jira;
    private RestClient rest;
    private String admin;
    private final String alice = basic("alice", "alice-password");
    private final String carol = basic("carol", "carol-password");

    @BeforeAll
    void start() throws Exception {
        jira = Distribution.of("jira").config(PID, Map.of("defaultLifetimeDays", "I\"30\"",
                "maxLifetimeDays", "I\"90\"", "maxTokensPerUser", "I\"2\"", "creatorGroups", "[\"developers\"]"))
                .start();
        rest = new RestClient(jira);
        admin = basic("admin", jira.adminPassword());
        jira.addUser("alice", "alice-password", "alice@example.com", "Developers");
        jira.addUser("carol", "carol-password", "carol@example.com");
    }

    @AfterAll
    void stop() throws Exception {
        if (jira != null) {
            jira.close();
        }
    }

    @Test
    @Order(1)
    void thePolicyIsEnforcedOnCreateWithClearMessages() throws Exception {
        JsonNode policy = rest.get(API + "policy", alice).json();
        assertEquals(30, policy.get("defaultLifetimeDays").asInt());
        assertEquals(90, policy.get("maxLifetimeDays").asInt());
        assertEquals("[\"developers\"]", policy.get("creatorGroups").toString());
        assertTrue(policy.get("mayCreate").asBoolean(), "alice is in Developers (groups compare ignoring case)");
        assertFalse(rest.get(API + "policy", carol).json().get("mayCreate").asBoolean());

        Reply refused = create(carol, "{\"label\": \"not a developer\"}");
        assertEquals(403, refused.status(), refused.toString());
        assertEquals("Only members of the group developers may create API tokens.",
                refused.json().get("message").asText());

        Reply first = create(alice, "{\"label\": \"default lifetime\"}");
        assertEquals(200, first.status(), first.toString());
        long created = first.json().get("createdAt").asLong();
        assertEquals(created + Duration.ofDays(30).toMillis(), first.json().get("expirationDate").asLong());

        long tooFar = Instant.now().plus(Duration.ofDays(91)).toEpochMilli();
        Reply tooLong = create(alice, "{\"label\": \"too long\", \"expirationDate\": " + tooFar + "}");
        assertEquals(400, tooLong.status(), tooLong.toString());
        assertTrue(tooLong.json().get("message").asText().contains("at most 90 days"), tooLong.toString());

        assertEquals(200, create(alice, "{\"label\": \"second\"}").status());
        Reply third = create(alice, "{\"label\": \"third\"}");
        assertEquals(409, third.status(), third.toString());
        assertTrue(third.json().get("message").asText().contains("the most the policy allows (2)"), third.toString());

        String secret = first.json().get("passwordValue").asText();
        assertEquals(200, rest.get("/rest/api/2/myself", basic("alice", secret)).status());

        // rotation replaces the secret of a token that exists: the creator groups do not apply, the lifetime is kept
        Reply forCarol = rest.call("POST", API + "admin/users/carol/tokens", admin, "{\"label\": \"service\"}");
        assertEquals(200, forCarol.status(), forCarol.toString());
        Reply rotated = rest.call("POST", API + forCarol.json().get("id").asText() + "/rotate", carol, null);
        assertEquals(200, rotated.status(), rotated.toString());
        assertEquals(forCarol.json().get("expirationDate").asLong(), rotated.json().get("expirationDate").asLong());
    }

    @Test
    @Order(2)
    void aChangeAppliesWhileRunningAndOlderTokensKeepWorkingMarked() throws Exception {
        Reply before = create(admin, "{\"label\": \"made before the change\"}");
        assertEquals(200, before.status(), before.toString());
        String secret = before.json().get("passwordValue").asText();
        String id = before.json().get("id").asText();

        jira.reconfigure(PID, Map.of("requireExpiry", "B\"true\"", "maxLifetimeDays", "I\"7\""));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rest.get(API + "policy", admin).json().get("maxLifetimeDays").asInt() != 7) {
            assertTrue(System.nanoTime() < deadline, "the changed policy was not applied within 20 s");
            Thread.sleep(200);
        }
        assertTrue(rest.get(API + "policy", carol).json().get("mayCreate").asBoolean(), "no groups any more");
        Reply noExpiry = create(carol, "{\"label\": \"no expiry\"}");
        assertEquals(400, noExpiry.status(), noExpiry.toString());
        assertTrue(noExpiry.json().get("message").asText().contains("requires one, at most 7 days"),
                noExpiry.toString());

        assertEquals(200, rest.get("/rest/api/2/myself", basic("admin", secret)).status(),
                "a token made before the change keeps working");
        JsonNode listed = rest.get(API + "admin/tokens?user=admin", admin).json().get("tokens");
        JsonNode mine = null;
        for (JsonNode token : listed) {
            if (token.get("tokenId").asText().equals(id)) {
                mine = token;
            }
        }
        assertEquals("[\"lives 30 days, longer than the policy's maximum of 7 days\"]",
                mine.get("policyViolations").toString(), listed.toString());
        assertTrue(jira.log().contains("Token policy changed: requireExpiry=true"), "the change is logged");

        // rotated under the new maximum, it lives at most 7 days from the rotation instead of its 30
        Reply rotated = rest.call("POST", API + id + "/rotate", admin, null);
        assertEquals(200, rotated.status(), rotated.toString());
        assertEquals(rotated.json().get("createdAt").asLong() + Duration.ofDays(7).toMillis(),
                rotated.json().get("expirationDate").asLong(), rotated.toString());
        assertEquals(200, rest.get("/rest/api/2/myself",
                basic("admin", rotated.json().get("passwordValue").asText())).status());
        // (last: presented again, the old secret counts as leaked and revokes the new one)
        assertEquals(401, rest.get("/rest/api/2/myself", basic("admin", secret)).status(), "the old secret stops");
    }

    private Reply create(String authorization, String body) throws Exception {
        return rest.call("POST", API, authorization, body);
    }
}
