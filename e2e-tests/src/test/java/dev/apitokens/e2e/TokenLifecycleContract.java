package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static dev.apitokens.e2e.RestClient.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.apitokens.e2e.RestClient.Reply;

/**
 * What the original product's documentation promises, over real HTTP against a started distribution: tokens made
 * with the password work in the documented curl call ({@code --user name:token}) and as Bearer, show up with their
 * usage, disappear on revocation, and every authentication is logged once in the documented format.
 * Subclasses choose the distribution, its documented curl endpoint and its database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenLifecycleContract {

    static final String API = "/rest/api-tokens/latest/";

    Distribution distribution;
    RestClient rest;
    String admin;

    /** The distribution, configured but not started. */
    abstract Distribution distribution() throws Exception;

    /** The original's curl example endpoint for this product. */
    abstract String curlExamplePath();

    /** Checks the body of the curl example endpoint. */
    abstract void assertCurlExampleBody(JsonNode body);

    /** Core configuration for the tests: usage is flushed every second instead of every five. */
    static Map<String, String> fastUsageFlush() {
        return Map.of("usageFlushIntervalSeconds", "1");
    }

    @BeforeAll
    void start() throws Exception {
        distribution = distribution().start();
        rest = new RestClient(distribution);
        admin = basic("admin", distribution.adminPassword());
    }

    @AfterAll
    void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    void aTokenMadeWithThePasswordWorksInTheDocumentedCurlCall() throws Exception {
        assertEquals(401, rest.get(curlExamplePath(), null).status(), "protected without credentials");
        String token = createToken(admin, "curl example").path("passwordValue").asText();
        Reply reply = rest.get(curlExamplePath(), basic("admin", token));
        assertEquals(200, reply.status(), reply.toString());
        assertCurlExampleBody(reply.json());
    }

    @Test
    void bearerWorksAndMyselfShowsTheUserAndTheToken() throws Exception {
        JsonNode created = createToken(admin, "bearer");
        Reply reply = rest.get("/rest/api/2/myself", bearer(created.path("passwordValue").asText()));
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("admin", reply.json().path("name").asText());
        assertEquals("TOKEN", reply.json().path("authenticatedBy").asText());
        assertEquals(created.path("id").asText(), reply.json().path("tokenId").asText());
        assertEquals(200, rest.get(curlExamplePath(), bearer(created.path("passwordValue").asText())).status());
    }

    @Test
    void aRevokedTokenGets401() throws Exception {
        JsonNode created = createToken(admin, "to revoke");
        String token = created.path("passwordValue").asText();
        assertEquals(200, rest.get(curlExamplePath(), basic("admin", token)).status());
        assertEquals(204, rest.call("DELETE", API + created.path("id").asText(), admin, null).status());
        Reply basicAfter = rest.get(curlExamplePath(), basic("admin", token));
        assertEquals(401, basicAfter.status(), basicAfter.toString());
        assertNotNull(basicAfter.wwwAuthenticate(), "a 401 names how to authenticate");
        assertTrue(basicAfter.contentType().startsWith("application/json"), basicAfter.contentType());
        assertEquals(401, rest.get("/rest/api/2/myself", bearer(token)).status());
    }

    @Test
    void aTokenWorksOnlyForItsOwnerAndNeverAsAPassword() throws Exception {
        String token = createToken(admin, "owner only").path("passwordValue").asText();
        assertEquals(401, rest.get(curlExamplePath(), basic("someone-else", token)).status());
        assertEquals(401, rest.get(curlExamplePath(), basic("admin", token + "x")).status());
    }

    @Test
    void everyAuthenticationIsLoggedOnceInTheDocumentedFormat() throws Exception {
        JsonNode created = createToken(admin, "logged");
        String token = created.path("passwordValue").asText();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, rest.get(curlExamplePath(), basic("admin", token)).status());
        }
        assertEquals(200, rest.get("/rest/api/2/myself", bearer(token)).status());
        String line = "admin has been authenticated via API Token (" + created.path("id").asText() + ")";
        long count = awaitLogCount(line, 4);
        assertEquals(4, count, "one line per authentication: " + line);
        assertFalse(distribution.log().contains(token), "the secret is never logged");
    }

    @Test
    void usageCountAndLastAccessedAppearInTheOwnList() throws Exception {
        JsonNode created = createToken(admin, "usage " + UUID.randomUUID());
        String id = created.path("id").asText();
        for (int i = 0; i < 2; i++) {
            assertEquals(200, rest.get(curlExamplePath(), basic("admin", created.path("passwordValue").asText()))
                    .status());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode listed = null;
        while (System.nanoTime() < deadline) {
            listed = findById(rest.get(API, admin).json(), id);
            if (listed != null && listed.path("usageCount").asLong() == 2) {
                break;
            }
            Thread.sleep(300);
        }
        assertNotNull(listed, "the token is listed");
        assertEquals(2, listed.path("usageCount").asLong(), listed.toString());
        assertTrue(listed.path("lastAccessed").isNumber(), listed.toString());
        assertTrue(listed.path("lastAccessed").asLong() >= listed.path("createdAt").asLong(), listed.toString());
        assertEquals("usage", listed.path("label").asText().substring(0, 5));
    }

    @Test
    void adminsSeeEverybodysTokensOthersGet403() throws Exception {
        String name = "user" + UUID.randomUUID().toString().substring(0, 8);
        distribution.addUser(name, "password-of-" + name, false);
        String user = basic(name, "password-of-" + name);
        JsonNode own = createToken(user, "my automation");
        createToken(admin, "admin's");

        Reply forbidden = rest.get(API + "all", user);
        assertEquals(403, forbidden.status(), forbidden.toString());
        Reply mine = rest.get("/rest/api/2/myself", basic(name, own.path("passwordValue").asText()));
        assertEquals(name, mine.json().path("name").asText());

        Reply all = rest.get(API + "all", admin);
        assertEquals(200, all.status(), all.toString());
        JsonNode group = null;
        for (JsonNode candidate : all.json()) {
            if (name.equals(candidate.path("username").asText())) {
                group = candidate;
            }
        }
        assertNotNull(group, "the new user's group in " + all.body());
        assertEquals(1, group.path("count").asInt());
        JsonNode listed = group.path("tokens").get(0);
        assertEquals("my automation", listed.path("label").asText());
        for (String field : new String[] { "id", "label", "usageCount", "createdAt", "lastAccessed", "expirationDate" }) {
            assertTrue(listed.has(field), field + " in " + listed);
        }
    }

    @Test
    void anUnknownRestPathIsAJson404() throws Exception {
        Reply anonymous = rest.get("/rest/no/such/endpoint", null);
        assertEquals(404, anonymous.status(), anonymous.toString());
        assertTrue(anonymous.contentType().startsWith("application/json"), anonymous.toString());
        assertEquals("not found: /rest/no/such/endpoint", anonymous.json().path("message").asText());
        Reply loggedIn = rest.get("/rest/api/9/nothing-here", admin);
        assertEquals(404, loggedIn.status(), loggedIn.toString());
        assertEquals("not found: /rest/api/9/nothing-here", loggedIn.json().path("message").asText());
    }

    JsonNode createToken(String authorization, String label) throws IOException, InterruptedException {
        Reply reply = rest.call("POST", API, authorization, RestClient.JSON.createObjectNode().put("label", label)
                .toString());
        assertEquals(200, reply.status(), reply.toString());
        assertFalse(reply.json().path("passwordValue").asText().isEmpty(), reply.toString());
        return reply.json();
    }

    private long awaitLogCount(String line, long expected) throws Exception {
        long count = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            count = distribution.log().lines().filter(logged -> logged.endsWith(" - " + line)).count();
            if (count >= expected) {
                Thread.sleep(500); // and no more than expected appear
                return distribution.log().lines().filter(logged -> logged.endsWith(" - " + line)).count();
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return count;
    }

    private static JsonNode findById(JsonNode list, String id) {
        if (!list.isArray()) {
            fail("not a list: " + list);
        }
        for (JsonNode token : list) {
            if (id.equals(token.path("id").asText())) {
                return token;
            }
        }
        return null;
    }
}
