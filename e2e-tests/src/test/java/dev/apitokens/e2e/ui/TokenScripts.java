package dev.apitokens.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.apitokens.e2e.Distribution;
import dev.apitokens.e2e.RestClient;

/** What a user's scripts do over plain HTTP (java.net.http), beside the browser: make and use tokens. */
final class TokenScripts {

    private static final String TOKENS = "/rest/api-tokens/latest/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Distribution distribution;
    private final RestClient rest;

    TokenScripts(Distribution distribution) {
        this.distribution = distribution;
        this.rest = new RestClient(distribution);
    }

    /** Creates a token with the user's password (a setup step); the answer holds passwordValue and id. */
    JsonNode create(String authorization, String label, Instant expiresAt) throws Exception {
        String body = "{\"label\":" + JSON.writeValueAsString(label)
                + (expiresAt == null ? "" : ",\"expirationDate\":" + expiresAt.toEpochMilli()) + "}";
        RestClient.Reply reply = rest.call("POST", TOKENS, authorization, body);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    /** The user's own tokens ({@code GET /}). */
    JsonNode own(String authorization) throws Exception {
        RestClient.Reply reply = rest.get(TOKENS, authorization);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    /** Uses a token the way a script does: HTTP Basic with the token in the password place. */
    HttpResponse<String> myself(String user, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(distribution.uri("/rest/api/2/myself"))
                .header("Authorization", Distribution.basic(user, token)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the write-behind stored a use of the token, so that listings sorted by last use see it. */
    void awaitUsageRecorded(String authorization, String tokenId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode token : own(authorization)) {
                if (token.path("id").asText().equals(tokenId) && token.path("usageCount").asLong() > 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the use of " + tokenId + " was not recorded within 30 s");
    }

    static JsonNode parse(String json) throws Exception {
        return JSON.readTree(json);
    }
}
