package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static dev.apitokens.e2e.RestClient.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.apitokens.e2e.RestClient.Reply;

/**
 * Scopes, path and address restrictions, {@code /self}, rotation with leak detection, rename, last addresses and
 * tokens made by an admin, over real HTTP against the Jira jar on the machine's PostgreSQL (a fresh database of
 * its own; skipped when PostgreSQL is unreachable, unless {@code CI=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRestrictionsIT {

    private static final String API = "/rest/api-tokens/latest/";
    private static final String DATABASE = "apitokens_e2e_restrictions";

    private Distribution jira;
    private RestClient rest;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        JiraOnPostgresIT.freshDatabase(DATABASE);
        jira = Distribution.of("jira").config("dev.apitokens.core", Map.of("usageFlushIntervalSeconds", "1"))
                .config("dev.apitokens.host.standalone.datasource", Map.of(
                        "url", JiraOnPostgresIT.SERVER + DATABASE, "user", "postgres",
                        "dataSourceFactory.target", "(osgi.jdbc.driver.class=org.postgresql.Driver)"))
                .start();
        jira.addUser("dave", "dave-e2e-password", false);
        rest = new RestClient(jira);
        admin = basic("admin", jira.adminPassword());
    }

    @AfterAll
    void stop() throws Exception {
        if (jira != null) {
            jira.close();
        }
    }

    private JsonNode create(String body) throws Exception {
        Reply reply = rest.call("POST", API, admin, body);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    @Test
    void aReadTokenMayOnlyRead() throws Exception {
        JsonNode token = create("{\"label\":\"reader\",\"scopes\":[\"read\"]}");
        assertEquals("[\"read\"]", token.path("scopes").toString());
        String auth = basic("admin", token.path("passwordValue").asText());
        assertEquals(200, rest.get("/rest/api/2/myself", auth).status());
        assertEquals(200, rest.get(API, auth).status(), "listing tokens is a read");
        Reply delete = rest.call("DELETE", API + token.path("id").asText(), auth, null);
        assertEquals(403, delete.status());
        assertEquals("this API token has the read scope: only GET, HEAD and OPTIONS requests are allowed",
                delete.json().path("message").asText());
        assertEquals(1, rest.get(API, admin).json().findValues("id").stream()
                .filter(id -> id.asText().equals(token.path("id").asText())).count(), "not deleted");
        Reply listed = rest.get(API, admin);
        assertTrue(listed.body().contains("\"scopes\":[\"read\"]"), listed.body());
        Reply all = rest.get(API + "all", admin);
        assertTrue(all.body().contains("\"scopes\":[\"read\"]"), "the admin listing shows the scope");
    }

    @Test
    void aPathLimitedTokenStaysWithinItsPrefixWhateverThePathLooksLike() throws Exception {
        JsonNode token = create("{\"label\":\"paths\",\"allowedPaths\":[\"/rest/api/2/myself\"]}");
        String secret = token.path("passwordValue").asText();
        String auth = basic("admin", secret);
        assertEquals(200, rest.get("/rest/api/2/myself", auth).status());
        Reply outside = rest.get("/rest/api/2/configuration", auth);
        assertEquals(403, outside.status());
        assertEquals("this API token is limited to the paths /rest/api/2/myself", outside.json().path("message").asText());
        for (String trick : List.of("/rest/api/2/myself/../configuration", "/rest/api/2/myself/%2e%2e/configuration",
                "/rest/api/2/myself/..;/configuration", "/rest/api/2/myself;/../configuration",
                "/rest/api/2/myself%2f..%2fconfiguration", "/rest/api/2/myself/..%5cconfiguration",
                "/rest/api/2/myself//../configuration", "/rest/api/2/myself/%252e%252e/configuration")) {
            String response = raw("GET " + trick + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth
                    + "\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(response.substring(9, 12));
            assertTrue(status == 400 || status == 403 || status == 404, trick + " -> " + response);
            assertFalse(response.contains("\"votingEnabled\""), "the configuration endpoint never answered: " + trick);
        }
        assertEquals(200, rest.get("/rest/api/2/configuration", admin).status(), "the password is not limited");
    }

    @Test
    void anAddressOutsideTheAllowedIpsIs401AndLoggedWithTokenAndAddress() throws Exception {
        JsonNode elsewhere = create("{\"label\":\"office only\",\"allowedIps\":[\"10.20.30.0/24\",\"2001:db8::/32\"]}");
        String id = elsewhere.path("id").asText();
        Reply refused = rest.get("/rest/api/2/myself", bearer(elsewhere.path("passwordValue").asText()));
        assertEquals(401, refused.status());
        assertEquals("invalid or expired token", refused.json().path("message").asText());
        String log = jira.log();
        assertTrue(log.lines().anyMatch(line -> line.contains("refused (ADDRESS_NOT_ALLOWED) for token " + id)
                && line.contains("from 127.0.0.1")), log);
        JsonNode loopback = create("{\"label\":\"loopback\",\"allowedIps\":[\"127.0.0.0/8\"]}");
        assertEquals(200, rest.get("/rest/api/2/myself", bearer(loopback.path("passwordValue").asText())).status());
        Reply bad = rest.call("POST", API, admin, "{\"label\":\"x\",\"allowedIps\":[\"intranet.example.com\"]}");
        assertEquals(400, bad.status());
        assertTrue(bad.json().path("message").asText().startsWith("An allowed IP must be"), bad.toString());
    }

    @Test
    void selfShowsTheTokensOwnRecordAndIs404WithoutAToken() throws Exception {
        JsonNode token = create("{\"label\":\"introspect\",\"scopes\":[\"read\"],\"expirationDate\":\"2099-01-01\"}");
        Reply self = rest.get(API + "self", bearer(token.path("passwordValue").asText()));
        assertEquals(200, self.status(), self.toString());
        assertEquals(token.path("id").asText(), self.json().path("id").asText());
        assertEquals("introspect", self.json().path("label").asText());
        assertEquals("[\"read\"]", self.json().path("scopes").toString());
        assertEquals(token.path("expirationDate").asLong(), self.json().path("expirationDate").asLong());
        assertTrue(self.json().has("usageCount") && self.json().has("createdAt") && self.json().has("lastAccessed"));
        assertEquals(404, rest.get(API + "self", admin).status());
    }

    @Test
    void rotationReplacesTheSecretAndAReplayedOldSecretRevokesTheNewOne() throws Exception {
        JsonNode old = create("{\"label\":\"rotating\",\"allowedPaths\":[\"/rest/api/2\"]}");
        String oldSecret = old.path("passwordValue").asText();
        assertEquals(200, rest.get("/rest/api/2/myself", bearer(oldSecret)).status()); // cached on this node

        Reply rotated = rest.call("POST", API + old.path("id").asText() + "/rotate", admin, null);
        assertEquals(200, rotated.status(), rotated.toString());
        String newSecret = rotated.json().path("passwordValue").asText();
        assertNotEquals(old.path("id").asText(), rotated.json().path("id").asText());
        assertEquals("[\"/rest/api/2\"]", rotated.json().path("allowedPaths").toString());
        assertEquals(200, rest.get("/rest/api/2/myself", bearer(newSecret)).status());

        Reply selfRotated = rest.call("POST", API + "self/rotate", bearer(newSecret), null);
        assertEquals(403, selfRotated.status(), "the path limit applies to /self/rotate too: " + selfRotated);
        assertEquals(401, rest.get("/rest/api/2/myself", bearer(oldSecret)).status(), "the old secret at once");
        assertEquals(401, rest.get("/rest/api/2/myself", bearer(newSecret)).status(), "replayed: the new one too");
        assertTrue(jira.log().lines().anyMatch(line -> line.contains("WARN") && line.contains(old.path("id").asText())
                && line.contains("leaked")), "a warning names the leaked token");
    }

    @Test
    void aTokenRotatesItselfAndTheOldSecretStops() throws Exception {
        JsonNode token = create("{\"label\":\"self rotating\"}");
        Reply rotated = rest.call("POST", API + "self/rotate", bearer(token.path("passwordValue").asText()), null);
        assertEquals(200, rotated.status(), rotated.toString());
        assertEquals("self rotating", rotated.json().path("label").asText());
        assertEquals(200, rest.get("/rest/api/2/myself", bearer(rotated.json().path("passwordValue").asText()))
                .status());
        Reply byToken = rest.call("POST", API, bearer(rotated.json().path("passwordValue").asText()),
                "{\"label\":\"minted\"}");
        assertEquals(403, byToken.status(), "creating stays forbidden to tokens");
    }

    @Test
    void renameAndLastAddresses() throws Exception {
        JsonNode token = create("{\"label\":\"before\"}");
        String id = token.path("id").asText();
        assertEquals(204, rest.call("PATCH", API + id, admin, "{\"label\":\"after\"}").status());
        assertEquals(200, rest.get("/rest/api/2/myself", bearer(token.path("passwordValue").asText())).status());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode listed = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode t : rest.get(API, admin).json()) {
                if (t.path("id").asText().equals(id)) {
                    listed = t;
                }
            }
            if (listed != null && listed.path("lastAddresses").size() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("after", listed.path("label").asText());
        assertEquals("127.0.0.1", listed.path("lastAddresses").path(0).path("address").asText(), listed.toString());
        assertTrue(listed.path("lastAddresses").path(0).path("lastSeen").asLong() > 0);
        Reply page = rest.get(API + "admin/tokens?label=after", admin);
        assertEquals("127.0.0.1", page.json().path("tokens").path(0).path("lastAddresses").path(0).path("address")
                .asText(), page.toString());
    }

    @Test
    void anAdminCreatesATokenForAnotherUserWhoSeesWhoMadeIt() throws Exception {
        Reply made = rest.call("POST", API + "admin/users/dave/tokens", admin,
                "{\"label\":\"service account\",\"scopes\":[\"read\"]}");
        assertEquals(200, made.status(), made.toString());
        String secret = made.json().path("passwordValue").asText();
        String dave = basic("dave", "dave-e2e-password");
        JsonNode own = rest.get(API, dave).json().get(0);
        assertEquals("service account", own.path("label").asText());
        assertEquals("admin", own.path("createdBy").asText());
        Reply me = rest.get("/rest/api/2/myself", basic("dave", secret));
        assertEquals(200, me.status());
        assertTrue(me.body().contains("dave"), me.body());
        assertEquals(403, rest.call("POST", API + "admin/users/admin/tokens", dave, "{\"label\":\"x\"}").status());
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", jira.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
