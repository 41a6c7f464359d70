package dev.apitokens.rest.internal;

import static dev.apitokens.rest.internal.RestServer.compact;
import static dev.apitokens.rest.internal.RestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.spi.LicenseStatus;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/** GET /all (the original's admin listing) and our admin endpoints. */
class AdminEndpointsTest {

    /** The vendor wiki's example answer of GET /all, verbatim. */
    private static final String WIKI_ALL = "[ { \"username\": \"admin\", \"count\": 2, \"tokens\": [ { \"id\": 12, "
            + "\"label\": \"Jenkins\", \"usageCount\": 12, \"createdAt\": \"2024-06-03T17:13:59.304\", \"lastAccessed\": "
            + "\"2024-06-04T17:13:00.303\", \"expirationDate\": null }, { \"id\": 13, \"label\": \"Python script\", "
            + "\"usageCount\": 0, \"createdAt\": \"2024-06-03T17:14:05.791\", \"lastAccessed\": null, \"expirationDate\": "
            + "null } ] }, { \"username\": \"user\", \"count\": 1, \"tokens\": [ { \"id\": 14, \"label\": \"My Automation\", "
            + "\"usageCount\": 0, \"createdAt\": \"2024-06-03T17:15:10.582\", \"lastAccessed\": null, \"expirationDate\": "
            + "\"2024-06-04T17:15:10.415\" } ] } ]";

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
        server.tokens.listAllCalls.clear();
        server.tokens.failure = null;
        server.servlet.licenseGate = null;
        server.host.byName.clear();
        server.host.add("key-admin", "admin", true);
        server.host.add("key-user", "user", false);
    }

    private static TokenInfo token(String id, long storeId, String userKey, String label, String created,
            String lastAccessed, long uses, String expires) {
        return new TokenInfo(id, storeId, userKey, label, Instant.parse(created + "Z"),
                lastAccessed == null ? null : Instant.parse(lastAccessed + "Z"), uses,
                expires == null ? null : Instant.parse(expires + "Z"), "hmac-sha256");
    }

    private void wikiTokens() {
        server.tokens.put(token("pubJenkins", 12, "key-admin", "Jenkins", "2024-06-03T17:13:59.304",
                "2024-06-04T17:13:00.303", 12, null));
        server.tokens.put(token("pubPython", 13, "key-admin", "Python script", "2024-06-03T17:14:05.791", null, 0, null));
        server.tokens.put(token("pubAuto", 14, "key-user", "My Automation", "2024-06-03T17:15:10.582", null, 0,
                "2024-06-04T17:15:10.415"));
    }

    @Test
    void allIsTheWikiExampleByteForByteOnceOurFieldsAreRemoved() throws Exception {
        wikiTokens();
        HttpResponse<String> response = server.get("/all", "admin");
        assertEquals(200, response.statusCode());
        ArrayNode all = (ArrayNode) json(response);
        assertEquals("pubJenkins", all.get(0).get("tokens").get(0).get("tokenId").asText());
        assertEquals("key-user", all.get(1).get("userKey").asText());
        for (JsonNode group : all) {
            ((ObjectNode) group).remove("userKey");
            for (JsonNode token : group.get("tokens")) {
                assertEquals("[\"write\"]", token.get("scopes").toString());
                ((ObjectNode) token).remove(List.of("tokenId", "scopes", "allowedPaths", "allowedIps"));
            }
        }
        assertEquals(compact(WIKI_ALL), RestServer.MAPPER.writeValueAsString(all));
    }

    @Test
    void allReadsTheStoreInPagesAndKeepsGroupsWhole() throws Exception {
        for (int i = 0; i < 7; i++) {
            server.tokens.put("u" + i, i % 2 == 0 ? "key-admin" : "key-user", "t" + i);
        }
        server.tokens.put("ghost", "key-deleted", "left by a deleted user");
        JsonNode all = json(server.get("/all", "admin"));
        assertEquals(3, all.size());
        assertEquals("admin", all.get(0).get("username").asText());
        assertEquals(4, all.get(0).get("count").asInt());
        assertEquals(4, all.get(0).get("tokens").size());
        assertEquals("key-deleted", all.get(1).get("username").asText(), "unknown users are listed by key");
        assertEquals("user", all.get(2).get("username").asText());
        assertEquals(3, all.get(2).get("count").asInt());
        assertEquals(4, server.tokens.listAllCalls.size(), "8 tokens in pages of 2, never one giant query");
        assertTrue(server.tokens.listAllCalls.stream().allMatch(q -> q.limit() == 2 && q.sort() == TokenQuery.Sort.USER));
    }

    @Test
    void allOfNobodyIsAnEmptyArray() throws Exception {
        assertEquals("[]", server.get("/all", "admin").body());
    }

    @Test
    void allWithTheStoreDownIs503Json() throws Exception {
        wikiTokens();
        server.tokens.failure = () -> new TokenStoreUnavailableException("down", null);
        HttpResponse<String> response = server.get("/all", "admin");
        assertEquals(503, response.statusCode());
        assertEquals("{\"message\":\"the token store is temporarily unavailable, try again later\"}", response.body());
    }

    @Test
    void allFailingAfterTheFirstPageIs503NotAPartialListing() throws Exception {
        wikiTokens();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.tokens.failure = () -> calls.incrementAndGet() == 1 ? null
                : new TokenStoreUnavailableException("down", null);
        HttpResponse<String> response = server.get("/all", "admin");
        assertEquals(503, response.statusCode());
        assertTrue(response.body().startsWith("{\"message\""), response.body());
    }

    @Test
    void adminEndpointsAre403ForOthers() throws Exception {
        for (String path : new String[] { "/all", "/admin/tokens", "/license" }) {
            HttpResponse<String> response = server.get(path, "user");
            assertEquals(403, response.statusCode(), path);
            assertEquals("{\"message\":\"administrator rights required\"}", response.body());
        }
        wikiTokens();
        assertEquals(403, server.delete("/admin/tokens/pubJenkins", "user").statusCode());
        assertEquals(403, server.delete("/admin/users/admin/tokens", "user").statusCode());
        assertEquals(3, server.tokens.tokens.size());
    }

    @Test
    void adminPageFiltersSortsAndPages() throws Exception {
        wikiTokens();
        JsonNode page = json(server.get("/admin/tokens", "admin"));
        assertEquals(3, page.get("total").asInt());
        assertEquals(3, page.get("limit").asInt(), "the configured default page size");
        assertEquals(false, page.get("hasMore").asBoolean());
        JsonNode first = page.get("tokens").get(0);
        assertEquals(List.of("tokenId", "id", "label", "username", "userKey", "displayName", "usageCount", "createdAt",
                "lastAccessed", "expirationDate", "expired", "algorithm", "scopes", "allowedPaths", "allowedIps",
                "createdBy", "lastAddresses", "policyViolations"), OwnTokensEndpointsTest.fieldNames(first));
        assertEquals("pubJenkins", first.get("tokenId").asText());
        assertEquals(12, first.get("id").asLong());
        assertEquals("admin", first.get("username").asText());
        assertEquals(Instant.parse("2024-06-03T17:13:59.304Z").toEpochMilli(), first.get("createdAt").asLong());
        assertEquals(true, page.get("tokens").get(2).get("expired").asBoolean());

        JsonNode byUser = json(server.get("/admin/tokens?user=user", "admin"));
        assertEquals(1, byUser.get("total").asInt());
        assertEquals("pubAuto", byUser.get("tokens").get(0).get("tokenId").asText());

        JsonNode byLabel = json(server.get("/admin/tokens?label=PYTHON", "admin"));
        assertEquals("pubPython", byLabel.get("tokens").get(0).get("tokenId").asText());

        JsonNode lastUsed = json(server.get("/admin/tokens?sort=last_used_desc&limit=1", "admin"));
        assertEquals("pubJenkins", lastUsed.get("tokens").get(0).get("tokenId").asText());
        assertEquals(true, lastUsed.get("hasMore").asBoolean());
        JsonNode second = json(server.get("/admin/tokens?sort=lastUsedAsc&offset=1&limit=1", "admin"));
        assertEquals(1, second.get("offset").asInt());
        assertEquals("pubAuto", second.get("tokens").get(0).get("tokenId").asText());

        JsonNode nobody = json(server.get("/admin/tokens?user=nobody", "admin"));
        assertEquals(0, nobody.get("total").asInt());
        assertEquals(0, nobody.get("tokens").size());
    }

    @Test
    void adminPageRejectsBadParameters() throws Exception {
        for (String query : new String[] { "limit=0", "limit=1001", "limit=ten", "offset=-1", "sort=random" }) {
            HttpResponse<String> response = server.get("/admin/tokens?" + query, "admin");
            assertEquals(400, response.statusCode(), query);
            assertTrue(json(response).get("message").asText().contains(query.substring(0, query.indexOf('='))), query);
        }
    }

    @Test
    void adminRevokesAnyTokenAndAllOfAUser() throws Exception {
        wikiTokens();
        assertEquals(204, server.delete("/admin/tokens/pubAuto", "admin").statusCode());
        assertEquals(404, server.delete("/admin/tokens/pubAuto", "admin").statusCode());
        HttpResponse<String> revoked = server.delete("/admin/users/admin/tokens", "admin");
        assertEquals(200, revoked.statusCode());
        assertEquals("{\"username\":\"admin\",\"revoked\":2}", revoked.body());
        assertTrue(server.tokens.tokens.isEmpty());
        HttpResponse<String> unknown = server.delete("/admin/users/nobody/tokens", "admin");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"message\":\"user not found\"}", unknown.body());
    }

    @Test
    void licenseShowsTheGatesVerdict() throws Exception {
        server.servlet.licenseGate = () -> new LicenseStatus(LicenseStatus.State.VALID, "ACME",
                Instant.parse("2026-01-01T00:00:00Z"), 50, "Licensed to ACME for 50 users.");
        JsonNode license = json(server.get("/license", "admin"));
        assertEquals(compact("{\"state\":\"VALID\",\"allowsAuthentication\":true,\"licensee\":\"ACME\","
                + "\"expiresAt\":1767225600000,\"userTier\":50,\"activeUsers\":2,"
                + "\"message\":\"Licensed to ACME for 50 users.\"}"), RestServer.MAPPER.writeValueAsString(license));

        server.servlet.licenseGate = null;
        JsonNode none = json(server.get("/license", "admin"));
        assertEquals("MISSING", none.get("state").asText());
        assertEquals(false, none.get("allowsAuthentication").asBoolean());
        assertNull(none.get("licensee").textValue());
    }
}
