package dev.apitokens.rest.internal;

import static dev.apitokens.rest.internal.RestServer.compact;
import static dev.apitokens.rest.internal.RestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.TokenInfo;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/** The original product's own-token endpoints: GET /, POST /, DELETE /{id}, DELETE /all. */
class OwnTokensEndpointsTest {

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
    }

    @Test
    void listIsTheWikiShapePlusAddedFields() throws Exception {
        server.tokens.put(new TokenInfo("asp_DquJoZLwlsNJm6gU", 7, "key-alice", "Test Token",
                Instant.ofEpochMilli(1572887594746L), null, 0, null, "hmac-sha256"));
        server.tokens.put("bobs", "key-bob", "not alice's");
        HttpResponse<String> response = server.get("/", "alice");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode list = json(response);
        assertEquals(1, list.size(), "only the caller's own tokens");
        ObjectNode token = (ObjectNode) list.get(0);
        assertEquals(List.of("label", "createdAt", "lastAccessed", "id", "usageCount", "expirationDate", "expired",
                "scopes", "allowedPaths", "allowedIps", "createdBy", "lastAddresses"), fieldNames(token));
        assertEquals(0, token.get("usageCount").asInt());
        assertTrue(token.get("expirationDate").isNull());
        assertEquals(false, token.get("expired").asBoolean());
        token.remove(List.of("usageCount", "expirationDate", "expired", "scopes", "allowedPaths", "allowedIps",
                "createdBy", "lastAddresses"));
        String wiki = "[ { \"label\":\"Test Token\", \"createdAt\":1572887594746, \"lastAccessed\":null, "
                + "\"id\":\"asp_DquJoZLwlsNJm6gU\" } ]";
        assertEquals(compact(wiki), RestServer.MAPPER.writeValueAsString(list), "the original's fields, in its order");
    }

    @Test
    void listMarksExpiredTokensAndGivesMillis() throws Exception {
        Instant expired = RestServer.NOW.minusSeconds(1);
        Instant used = Instant.parse("2024-12-31T10:00:00Z");
        server.tokens.put(new TokenInfo("old", 1, "key-alice", "Old", RestServer.NOW.minusSeconds(100), used, 5,
                expired, "hmac-sha256"));
        JsonNode token = json(server.get("", "alice")).get(0);
        assertEquals(true, token.get("expired").asBoolean());
        assertEquals(expired.toEpochMilli(), token.get("expirationDate").asLong());
        assertEquals(used.toEpochMilli(), token.get("lastAccessed").asLong());
        assertEquals(5, token.get("usageCount").asLong());
    }

    @Test
    void createAnswersThePasswordValueOnce() throws Exception {
        HttpResponse<String> response = server.postJson("/", "alice", "PASSWORD", "{\"label\": \"New token\"}");
        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        ObjectNode created = (ObjectNode) json(response);
        assertEquals(List.of("passwordValue", "id", "label", "createdAt", "expirationDate", "scopes", "allowedPaths",
                "allowedIps"), fieldNames(created));
        String id = created.get("id").asText();
        assertEquals("apt_secret_" + id, created.get("passwordValue").asText());
        assertEquals("New token", server.tokens.list("key-alice").get(0).label());
        assertTrue(created.get("expirationDate").isNull());
        // The secret is never listed again.
        assertTrue(!server.get("/", "alice").body().contains("apt_secret_"));
    }

    @Test
    void createTrimsTheLabelAndAcceptsExpiryFormats() throws Exception {
        long millis = RestServer.NOW.plusSeconds(3600).toEpochMilli();
        assertEquals(millis, expiryOf("{\"label\":\"  a \",\"expirationDate\":" + millis + "}"));
        assertEquals("a", server.tokens.list("key-alice").get(0).label());
        assertEquals(Instant.parse("2030-01-31T12:00:00Z").toEpochMilli(),
                expiryOf("{\"label\":\"b\",\"expirationDate\":\"2030-01-31T12:00:00Z\"}"));
        assertEquals(Instant.parse("2030-01-31T11:00:00Z").toEpochMilli(),
                expiryOf("{\"label\":\"c\",\"expirationDate\":\"2030-01-31T12:00:00+01:00\"}"));
        // A local date-time is in the server's zone (UTC in this test), like GET /all writes them.
        assertEquals(Instant.parse("2030-01-31T12:00:00.250Z").toEpochMilli(),
                expiryOf("{\"label\":\"d\",\"expirationDate\":\"2030-01-31T12:00:00.250\"}"));
        // A date: valid through that whole day.
        assertEquals(Instant.parse("2030-02-01T00:00:00Z").toEpochMilli(),
                expiryOf("{\"label\":\"e\",\"expirationDate\":\"2030-01-31\"}"));
        assertEquals(0L, expiryOf("{\"label\":\"f\",\"expirationDate\":null}"));
    }

    private static long expiryOf(String body) throws Exception {
        HttpResponse<String> response = server.postJson("/", "alice", "PASSWORD", body);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("expirationDate").asLong();
    }

    @Test
    void createRefusesBadRequestsWithJsonMessages() throws Exception {
        assertRefused(400, "label must not be empty", "{\"label\": \"\"}");
        assertRefused(400, "label must not be empty", "{\"label\": \"   \"}");
        assertRefused(400, "label must be at most 255 characters", "{\"label\": \"" + "x".repeat(300) + "\"}");
        assertRefused(400, "label must be at most 255 characters", "{\"label\": \"" + "x".repeat(256) + "\"}");
        assertRefused(400, "label is required", "{}");
        assertRefused(400, "label must be a string", "{\"label\": 42}");
        assertRefused(400, "label must not contain control characters", "{\"label\": \"a\\u0000b\"}");
        assertRefused(400, "malformed JSON at line 1, column", "{\"label\": ");
        assertRefused(400, "malformed JSON", "{\"label\": \"a\"} trailing");
        assertRefused(400, "malformed JSON", "{\"label\": \"a\", \"label\": \"b\"}");
        assertRefused(400, "the request body must be a JSON object", "[\"label\"]");
        // Leading zero bytes make Jackson read UTF-32, which then fails as an IOException (found by fuzz-tests).
        assertRefused(400, "malformed JSON", "\u001a\0\0\0\0\0\0\0:\"CI deploy\"}");
        assertRefused(400, "the request body must be a JSON object", "");
        assertRefused(400, "expirationDate must be in the future",
                "{\"label\":\"a\",\"expirationDate\":" + RestServer.NOW.minusSeconds(1).toEpochMilli() + "}");
        assertRefused(400, "expirationDate must be in the future", "{\"label\":\"a\",\"expirationDate\":\"2020-01-01\"}");
        assertRefused(400, "expirationDate 'next tuesday' is not", "{\"label\":\"a\",\"expirationDate\":\"next tuesday\"}");
        assertRefused(400, "expirationDate must be epoch milliseconds", "{\"label\":\"a\",\"expirationDate\":1.5}");
        assertRefused(400, "expirationDate must not lie beyond the year 9999",
                "{\"label\":\"a\",\"expirationDate\":\"+999999999-12-31T23:59:59Z\"}");
        assertRefused(400, "expirationDate must not lie beyond the year 9999",
                "{\"label\":\"a\",\"expirationDate\":\"+10000-01-01T00:00:00Z\"}");
        assertRefused(400, "expirationDate must not lie beyond the year 9999",
                "{\"label\":\"a\",\"expirationDate\":" + Long.MAX_VALUE + "}");
        assertRefused(400, "label must not contain unpaired UTF-16 surrogates", "{\"label\": \"a\\ud800b\"}");
        assertRefused(400, "label must not contain unpaired UTF-16 surrogates", "{\"label\": \"a\\udfff\"}");
        assertRefused(413, "the request body is larger than 1024 bytes", "{\"label\": \"" + "x".repeat(2000) + "\"}");
        assertEquals(0, server.tokens.tokens.size(), "nothing was created");
        assertEquals(200, server.postJson("/", "alice", "PASSWORD", "{\"label\": \"" + "x".repeat(255) + "\"}")
                .statusCode(), "255 characters are fine");
        assertEquals(200, server.postJson("/", "alice", "PASSWORD", "{\"label\": \"ok \\ud83d\\ude00\"}")
                .statusCode(), "a surrogate pair (an emoji) is a character like any other");
    }

    private static void assertRefused(int status, String messageStart, String body) throws Exception {
        HttpResponse<String> response = server.postJson("/", "alice", "PASSWORD", body);
        assertEquals(status, response.statusCode(), shorten(body));
        String message = json(response).get("message").asText();
        assertTrue(message.startsWith(messageStart), shorten(body) + " -> " + message);
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    @Test
    void createNeedsJsonContentType() throws Exception {
        for (String type : new String[] { "text/plain", "application/x-www-form-urlencoded", "application/jsonx" }) {
            HttpResponse<String> response = server.send(server.request("/", "alice", "PASSWORD")
                    .header("Content-Type", type)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"label\":\"a\"}")));
            assertEquals(415, response.statusCode(), type);
            assertEquals("{\"message\":\"Content-Type must be application/json\"}", response.body());
        }
        HttpResponse<String> none = server.send(server.request("/", "alice", "PASSWORD")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"label\":\"a\"}")));
        assertEquals(415, none.statusCode());
        HttpResponse<String> withCharset = server.send(server.request("/", "alice", "PASSWORD")
                .header("Content-Type", "Application/JSON; charset=UTF-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"label\":\"a\"}")));
        assertEquals(200, withCharset.statusCode());
    }

    @Test
    void deleteOwnTokenIs204ThenUnknownIs404() throws Exception {
        server.tokens.put("mine", "key-alice", "Mine");
        HttpResponse<String> deleted = server.delete("/mine", "alice");
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        HttpResponse<String> again = server.delete("/mine", "alice");
        assertEquals(404, again.statusCode());
        assertEquals("{\"message\":\"token not found\"}", again.body());
    }

    @Test
    void anotherUsersTokenIs404AndSurvives() throws Exception {
        server.tokens.put("bobs", "key-bob", "Bob's");
        HttpResponse<String> response = server.delete("/bobs", "alice");
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"token not found\"}", response.body());
        assertEquals(1, server.tokens.list("key-bob").size());
    }

    @Test
    void deleteAllRevokesOnlyTheCallersTokens() throws Exception {
        server.tokens.put("a1", "key-alice", "one");
        server.tokens.put("a2", "key-alice", "two");
        server.tokens.put("b1", "key-bob", "bob");
        HttpResponse<String> response = server.delete("/all", "alice");
        assertEquals(204, response.statusCode());
        assertEquals(0, server.tokens.list("key-alice").size());
        assertEquals(1, server.tokens.list("key-bob").size());
        assertEquals("[]", server.get("/", "alice").body());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
