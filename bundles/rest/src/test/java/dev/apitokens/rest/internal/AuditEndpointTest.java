package dev.apitokens.rest.internal;

import static dev.apitokens.rest.internal.RestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuditEntry;
import dev.apitokens.api.AuditQuery;
import dev.apitokens.api.AuditTrail;
import dev.apitokens.api.Page;
import dev.apitokens.api.TokenStoreUnavailableException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** GET /admin/audit: the audit trail through the AuditTrail service, with usernames, filters, pages and errors. */
class AuditEndpointTest {

    private static RestServer server;
    private static final List<AuditEntry> entries = new CopyOnWriteArrayList<>();
    private static final List<AuditQuery> queries = new CopyOnWriteArrayList<>();

    /** The stored trail, filtered and paged as the audit bundle does it. */
    private static final AuditTrail TRAIL = query -> {
        queries.add(query);
        List<AuditEntry> matching = new ArrayList<>(entries.stream()
                .filter(e -> query.userKey() == null || query.userKey().equals(e.userKey()))
                .filter(e -> query.type() == null || query.type().equals(e.type()))
                .filter(e -> query.from() == null || e.timestamp().toEpochMilli() >= query.from())
                .filter(e -> query.to() == null || e.timestamp().toEpochMilli() < query.to()).toList());
        matching.sort(Comparator.comparing(AuditEntry::timestamp).thenComparingLong(AuditEntry::id).reversed());
        List<AuditEntry> page = matching.stream().skip(query.offset()).limit(query.limit()).toList();
        return new Page<>(page, matching.size(), query.offset(), query.limit());
    };

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
        entries.clear();
        queries.clear();
        server.servlet.auditTrail = TRAIL;
        server.host.byName.clear();
        server.host.add("key-admin", "admin", true);
        server.host.add("key-user", "user", false);
        entries.add(new AuditEntry(1, Instant.ofEpochMilli(1000), "TOKEN_CREATED", "key-user", "key-user",
                "pubAAAAAAAAAAAA1", "Jenkins"));
        entries.add(new AuditEntry(2, Instant.ofEpochMilli(2000), "TOKEN_CREATED", "key-admin", "key-admin",
                "pubBBBBBBBBBBBB1", "CI"));
        entries.add(new AuditEntry(3, Instant.ofEpochMilli(3000), "TOKEN_REVOKED_BY_ADMIN", "key-admin", "key-user",
                "pubAAAAAAAAAAAA1", null));
        entries.add(new AuditEntry(4, Instant.ofEpochMilli(4000), "TOKEN_PRUNED", null, "key-gone",
                "pubCCCCCCCCCCCC1", "expired"));
    }

    @Test
    void listsEventsNewestFirstWithUsernames() throws Exception {
        HttpResponse<String> response = server.get("/admin/audit", "admin");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = json(response);
        assertEquals(4, page.get("total").asInt());
        assertEquals(3, page.get("limit").asInt(), "the admin page size by default");
        assertEquals(true, page.get("hasMore").asBoolean());
        JsonNode pruned = page.get("events").get(0);
        assertEquals(List.of("id", "timestamp", "type", "actor", "actorKey", "user", "userKey", "tokenId", "detail"),
                OwnTokensEndpointsTest.fieldNames(pruned));
        assertEquals(4000, pruned.get("timestamp").asLong());
        assertTrue(pruned.get("actor").isNull(), "the system");
        assertTrue(pruned.get("user").isNull(), "a user the host no longer knows");
        assertEquals("key-gone", pruned.get("userKey").asText());
        JsonNode revoked = page.get("events").get(1);
        assertEquals("TOKEN_REVOKED_BY_ADMIN", revoked.get("type").asText());
        assertEquals("admin", revoked.get("actor").asText());
        assertEquals("user", revoked.get("user").asText());
        assertEquals("pubAAAAAAAAAAAA1", revoked.get("tokenId").asText());

        JsonNode last = json(server.get("/admin/audit?offset=3&limit=3", "admin"));
        assertEquals(1, last.get("events").size());
        assertEquals(false, last.get("hasMore").asBoolean());
        assertEquals("Jenkins", last.get("events").get(0).get("detail").asText());
    }

    @Test
    void filtersByUsernameTypeAndTimeWindow() throws Exception {
        JsonNode page = json(server.get("/admin/audit?user=user&type=token_created&from=500&to=2000&limit=10", "admin"));
        assertEquals(new AuditQuery("key-user", "TOKEN_CREATED", 500L, 2000L, 0, 10), queries.get(0));
        assertEquals(1, page.get("total").asInt());
        assertEquals(1, page.get("events").get(0).get("id").asInt());

        JsonNode nobody = json(server.get("/admin/audit?user=nobody", "admin"));
        assertEquals(0, nobody.get("total").asInt());
        assertEquals(0, nobody.get("events").size());
        assertEquals(1, queries.size(), "an unknown user is an empty page without a query");
    }

    @Test
    void rejectsBadParametersWithAMessage() throws Exception {
        for (String query : new String[] { "from=today", "to=1e9", "from=5&to=5", "limit=0", "limit=1001",
                "offset=-1", "type=TOKEN%20CREATED", "type=1TOKEN" }) {
            HttpResponse<String> response = server.get("/admin/audit?" + query, "admin");
            assertEquals(400, response.statusCode(), query);
            assertTrue(json(response).get("message").asText().contains(query.substring(0, query.indexOf('='))),
                    query + ": " + response.body());
        }
        assertEquals(0, queries.size());
    }

    @Test
    void withoutTheAuditBundleIs503WithAClearMessage() throws Exception {
        server.servlet.auditTrail = null;
        HttpResponse<String> response = server.get("/admin/audit", "admin");
        assertEquals(503, response.statusCode());
        assertEquals("{\"message\":\"the audit trail is not available: the audit bundle is not running\"}",
                response.body());
        assertEquals(403, server.get("/admin/audit", "user").statusCode(), "still only for admins");
    }

    @Test
    void aDatabaseOutageIs503AndOnlyGetIsAllowed() throws Exception {
        server.servlet.auditTrail = query -> {
            throw new TokenStoreUnavailableException("down", null);
        };
        assertEquals(503, server.get("/admin/audit", "admin").statusCode());
        assertEquals(405, server.delete("/admin/audit", "admin").statusCode());
    }
}
