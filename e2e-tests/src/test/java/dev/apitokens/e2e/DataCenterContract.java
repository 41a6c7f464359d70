package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.apitokens.e2e.RestClient.Reply;

/**
 * A Data Center cluster of two: two Jira distributions (two processes, each with its own data directory and port)
 * on ONE database, with the same users. What the documentation claims for a cluster, end to end: a token made on
 * one node works on the other, usage counted on both nodes adds up in the shared table, a revocation on one node
 * reaches the other within a second at default settings (the revocation feed, not the cache TTL), and an admin on
 * either node sees every token. Each database server has its own subclass; skipped when that server is
 * unreachable, unless {@code CI=true}. The cluster is {@link TwoJiraNodes}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DataCenterContract {
    private static final String API = "/rest/api-tokens/latest/";
    /** The revocation bound at default settings (revocation poll every 250 ms, cache TTL 300 s). */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(1);
    private static final int REVOCATION_TRIES = 20;
    static final String USER = "alice";
    private static final String USER_PASSWORD = "alice-password-dc";

    private final TwoJiraNodes.Server server;
    /** The cluster's database, created afresh. */
    final String database;
    private TwoJiraNodes cluster;
    private Distribution nodeA;
    private Distribution nodeB;
    RestClient restA;
    private RestClient restB;
    private String admin;
    final String alice = basic(USER, USER_PASSWORD);

    DataCenterContract(TwoJiraNodes.Server server, String database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    void startTwoNodes() throws Exception {
        // the cache and the revocation feed at their defaults; usage written every second for the usage test
        cluster = TwoJiraNodes.start(server, database, USER, USER_PASSWORD,
                Map.of("dev.apitokens.core", Map.of("usageFlushIntervalSeconds", "1")));
        nodeA = cluster.a;
        nodeB = cluster.b;
        restA = new RestClient(nodeA);
        restB = new RestClient(nodeB);
        admin = basic("admin", nodeA.adminPassword());
        assertEquals(nodeA.adminPassword(), nodeB.adminPassword(), "one admin for the cluster");
    }

    @AfterAll
    void stopBothNodes() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bothNodesRunOnTheOneDatabase() throws Exception {
        for (Distribution node : List.of(nodeA, nodeB)) {
            assertTrue(node.log().contains("Database " + server.url + database), "the data source log line");
        }
        assertTrue(nodeA.port() != nodeB.port() && !nodeA.dataDir().equals(nodeB.dataDir()), "two nodes");
    }

    @Test
    void aTokenCreatedOnNodeAAuthenticatesOnNodeB() throws Exception {
        JsonNode created = createToken(restA, alice, "made on A");
        Reply myself = restB.get("/rest/api/2/myself", basic(USER, created.path("passwordValue").asText()));
        assertEquals(200, myself.status(), myself.toString());
        assertEquals(USER, myself.json().path("name").asText());
        assertEquals("TOKEN", myself.json().path("authenticatedBy").asText());
        assertEquals(created.path("id").asText(), myself.json().path("tokenId").asText());
        assertTrue(nodeB.log().contains(USER + " has been authenticated via API Token (" + created.path("id").asText()
                + ")"), "node B logs the authentication");
    }

    @Test
    void usageCountedOnBothNodesAddsUp() throws Exception {
        JsonNode created = createToken(restA, alice, "used on both nodes");
        String id = created.path("id").asText();
        String token = basic(USER, created.path("passwordValue").asText());
        int onA = 30;
        int onB = 20;
        long before = System.currentTimeMillis();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < onA + onB; i++) {
                RestClient node = i < onA ? restA : restB;
                replies.add(threads.submit(() -> node.get("/rest/api/2/myself", token).status()));
            }
            for (Future<Integer> reply : replies) {
                assertEquals(200, reply.get());
            }
        } finally {
            threads.shutdownNow();
        }

        JsonNode listed = awaitUsageCount(restA, id, onA + onB, Duration.ofSeconds(10));
        assertEquals(onA + onB, listed.path("usageCount").asLong(), "usage on A + usage on B: " + listed);
        Thread.sleep(2_500); // two more flush rounds on each node: nothing is counted twice
        for (RestClient node : List.of(restA, restB)) {
            JsonNode again = findById(node.get(API, alice).json(), id);
            assertEquals(onA + onB, again.path("usageCount").asLong(), again.toString());
            assertTrue(again.path("lastAccessed").isNumber(), again.toString());
            assertTrue(again.path("lastAccessed").asLong() >= before - 1_000, again.toString());
        }
    }

    /**
     * Revoke on A, then ask B every 10 ms until it refuses: {@value #REVOCATION_TRIES} times, each with a token B
     * verified and cached just before. At default settings B must refuse within {@link #REVOCATION_BOUND}, although
     * its cache would keep the verification for 300 s.
     */
    @Test
    void aRevocationOnNodeAReachesNodeBWithinASecondAtDefaultSettings() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < REVOCATION_TRIES; i++) {
            JsonNode created = createToken(restA, alice, "revoked on A #" + i);
            String token = basic(USER, created.path("passwordValue").asText());
            assertEquals(200, restB.get("/rest/api/2/myself", token).status(), "B verifies and caches the token");
            assertEquals(200, restB.get("/rest/api/2/myself", token).status(), "and accepts it from its cache");

            Reply revoked = restA.call("DELETE", API + created.path("id").asText(), alice, null);
            assertEquals(204, revoked.status(), revoked.toString());
            long revokedAt = System.nanoTime();
            int status = restB.get("/rest/api/2/myself", token).status();
            while (status != 401 && System.nanoTime() - revokedAt < REVOCATION_BOUND.toNanos() + 5_000_000_000L) {
                Thread.sleep(10);
                status = restB.get("/rest/api/2/myself", token).status();
            }
            long delay = (System.nanoTime() - revokedAt) / 1_000_000;
            assertEquals(401, status, "node B still accepts a token revoked on node A after " + delay + " ms");
            assertEquals(401, restA.get("/rest/api/2/myself", token).status(), "the revoking node refuses at once");
            millis.add(delay);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long median = (sorted.get(REVOCATION_TRIES / 2 - 1) + sorted.get(REVOCATION_TRIES / 2)) / 2;
        long max = sorted.get(REVOCATION_TRIES - 1);
        System.out.printf("%s: node B refused a token revoked on node A after median %d ms, max %d ms over %d "
                + "tries at default settings (each: %s)%n", getClass().getSimpleName(), median, max, REVOCATION_TRIES,
                millis);
        assertTrue(max <= REVOCATION_BOUND.toMillis(), "node B refused a revoked token only after " + max + " ms: "
                + millis);
    }

    /**
     * A rotation on node A: node B stops accepting the old secret within the revocation bound (the revocation feed
     * evicts what B had verified), and the old secret, once refused there, counts as replayed: the new token is
     * revoked on both nodes.
     */
    @Test
    void aRotationOnNodeAStopsTheOldSecretOnNodeB() throws Exception {
        JsonNode created = createToken(restA, alice, "rotated on A");
        String oldToken = basic(USER, created.path("passwordValue").asText());
        assertEquals(200, restB.get("/rest/api/2/myself", oldToken).status(), "B verifies and caches the token");
        Reply rotated = restA.call("POST", API + created.path("id").asText() + "/rotate", alice, null);
        assertEquals(200, rotated.status(), rotated.toString());
        String newToken = basic(USER, rotated.json().path("passwordValue").asText());
        long rotatedAt = System.nanoTime();
        int status = restB.get("/rest/api/2/myself", oldToken).status();
        while (status != 401 && System.nanoTime() - rotatedAt < REVOCATION_BOUND.toNanos() + 5_000_000_000L) {
            Thread.sleep(10);
            status = restB.get("/rest/api/2/myself", oldToken).status();
        }
        long delay = (System.nanoTime() - rotatedAt) / 1_000_000;
        assertEquals(401, status, "node B still accepts a rotated-away secret after " + delay + " ms");
        assertTrue(delay <= REVOCATION_BOUND.toMillis(), "node B refused the old secret only after " + delay + " ms");
        // B took the refused old secret for a replay and revoked its successor; A hears of it through the feed
        long revokedAt = System.nanoTime();
        int onA = restA.get("/rest/api/2/myself", newToken).status();
        while (onA != 401 && System.nanoTime() - revokedAt < REVOCATION_BOUND.toNanos() + 5_000_000_000L) {
            Thread.sleep(10);
            onA = restA.get("/rest/api/2/myself", newToken).status();
        }
        assertEquals(401, onA, "the successor of a replayed secret is revoked on the other node too");
        assertEquals(401, restB.get("/rest/api/2/myself", newToken).status());
        System.out.printf("%s: node B refused a secret rotated away on node A after %d ms%n",
                getClass().getSimpleName(), delay);
    }

    @Test
    void anAdminOnNodeBSeesTokensCreatedOnNodeA() throws Exception {
        String alicesId = createToken(restA, alice, "alice's, made on A").path("id").asText();
        String adminsId = createToken(restA, admin, "admin's, made on A").path("id").asText();
        Reply all = restB.get(API + "all", admin);
        assertEquals(200, all.status(), all.toString());
        Set<String> seen = new HashSet<>();
        for (JsonNode group : all.json()) {
            for (JsonNode listed : group.path("tokens")) { // here "id" is the row number, "tokenId" the token's id
                seen.add(group.path("username").asText() + "/" + listed.path("tokenId").asText());
            }
        }
        assertTrue(seen.contains(USER + "/" + alicesId), "alice's token in " + all.body());
        assertTrue(seen.contains("admin/" + adminsId), "admin's token in " + all.body());
        assertEquals(403, restB.get(API + "all", alice).status(), "not for a user who is no admin, on B either");
    }

    static JsonNode createToken(RestClient node, String authorization, String label) throws Exception {
        Reply reply = node.call("POST", API, authorization,
                RestClient.JSON.createObjectNode().put("label", label).toString());
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private JsonNode awaitUsageCount(RestClient node, String id, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode listed;
        do {
            listed = findById(node.get(API, alice).json(), id);
            if (listed.path("usageCount").asLong() >= expected) {
                return listed;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return listed;
    }

    private static JsonNode findById(JsonNode list, String id) {
        assertTrue(list.isArray(), "not a list: " + list);
        for (JsonNode token : list) {
            if (id.equals(token.path("id").asText())) {
                return token;
            }
        }
        fail("token " + id + " not in " + list);
        return null;
    }
}
