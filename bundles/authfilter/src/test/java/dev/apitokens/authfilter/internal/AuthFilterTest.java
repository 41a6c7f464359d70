package dev.apitokens.authfilter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.host.spi.HostUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.apitokens.api.AuthenticationResult.Reason;

/** The filter in a real Jetty 12 servlet container, in front of a servlet that says who the request runs as. */
class AuthFilterTest {

    private static final HostUser ALICE = new HostUser("key-alice", "alice", "Alice", true, false);
    private static final ScriptedTokenService TOKENS = new ScriptedTokenService();
    private static FilterServer server;

    @BeforeAll
    static void startJetty() throws Exception {
        // throttling off here: ThrottlingTest covers it, and these tests fail many times on purpose
        server = new FilterServer(TOKENS, FilterServer.config("Jira \"test\"", 0, 0, 60), Clock.systemUTC());
    }

    @AfterAll
    static void stopJetty() throws Exception {
        server.close();
    }

    @BeforeEach
    void reset() {
        TOKENS.answers.clear();
        TOKENS.authenticateCalls.clear();
    }

    private static String basic(String user, String password) {
        return FilterServer.basic(user, password);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return server.get(path, authorization);
    }

    @Test
    void anonymousRequestPassesUntouched() throws Exception {
        HttpResponse<String> response = get("/rest/api/2/myself", null);
        assertEquals(200, response.statusCode());
        assertEquals("user=null auth=null", response.body());
        assertTrue(TOKENS.authenticateCalls.isEmpty());
    }

    @Test
    void basicPasswordIsLeftToTheHost() throws Exception {
        String header = basic("alice", "her-password");
        HttpResponse<String> response = get("/rest/api/2/myself", header);
        assertEquals(200, response.statusCode());
        assertEquals("user=null auth=" + header, response.body());
        assertTrue(TOKENS.authenticateCalls.isEmpty(), "no token work for a password");
    }

    @Test
    void foreignBearerTokenIsLeftToTheHost() throws Exception {
        HttpResponse<String> response = get("/rest/api/2/myself", "Bearer NjM0MzI5OTk4NzY1Ok");
        assertEquals(200, response.statusCode());
        assertEquals("user=null auth=Bearer NjM0MzI5OTk4NzY1Ok", response.body());
        assertTrue(TOKENS.authenticateCalls.isEmpty());
    }

    @Test
    void basicTokenRunsTheRequestAsItsOwner() throws Exception {
        TOKENS.answers.put("apt_good", () -> AuthenticationResult.success(ALICE, "tok1"));
        HttpResponse<String> response = get("/rest/api/latest/configuration", basic("alice", "apt_good"));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("user=alice/tok1 "), response.body());
        assertEquals(List.of("alice:apt_good"), TOKENS.authenticateCalls);
    }

    @Test
    void bearerTokenNamesItsOwner() throws Exception {
        TOKENS.answers.put("apt_good", () -> AuthenticationResult.success(ALICE, "tok1"));
        HttpResponse<String> response = get("/rest/api/2/myself", "Bearer apt_good");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("user=alice/tok1 "), response.body());
        assertEquals(List.of("null:apt_good"), TOKENS.authenticateCalls, "Bearer passes no username");
    }

    @Test
    void failedTokenGets401WithChallengesAndShortJson() throws Exception {
        TOKENS.answers.put("apt_bad", () -> AuthenticationResult.failure(Reason.WRONG_SECRET, "tok2", "mismatch"));
        HttpResponse<String> response = get("/rest/api/2/myself", basic("alice", "apt_bad"));
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"invalid or expired token\"}", response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals(List.of("Basic realm=\"Jira test\"", "Bearer realm=\"Jira test\", error=\"invalid_token\""),
                response.headers().allValues("WWW-Authenticate"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void everyRefusalReasonButTheStoreIs401WithItsClientMessage() throws Exception {
        for (Reason reason : Reason.values()) {
            if (reason == Reason.STORE_UNAVAILABLE) {
                continue;
            }
            TOKENS.answers.put("apt_r", () -> AuthenticationResult.failure(reason, "tok3", null));
            HttpResponse<String> response = get("/rest/x", "Bearer apt_r");
            assertEquals(401, response.statusCode(), reason.name());
            assertEquals("{\"message\":\"" + reason.clientMessage() + "\"}", response.body(), reason.name());
        }
    }

    @Test
    void unlicensedTokenSaysSo() throws Exception {
        TOKENS.answers.put("apt_l", () -> AuthenticationResult.failure(Reason.NOT_LICENSED, "tok4", null));
        HttpResponse<String> response = get("/rest/x", basic("alice", "apt_l"));
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"token authentication is not licensed\"}", response.body());
    }

    @Test
    void unavailableStoreIs503() throws Exception {
        TOKENS.answers.put("apt_s", () -> AuthenticationResult.failure(Reason.STORE_UNAVAILABLE, "tok5", null));
        HttpResponse<String> response = get("/rest/x", basic("alice", "apt_s"));
        assertEquals(503, response.statusCode());
        assertEquals("{\"message\":\"token authentication is temporarily unavailable\"}", response.body());
        assertTrue(response.headers().allValues("WWW-Authenticate").isEmpty());

        TOKENS.answers.put("apt_t", () -> {
            throw new TokenStoreUnavailableException("database down", null);
        });
        assertEquals(503, get("/rest/x", "Bearer apt_t").statusCode());
    }

    @Test
    void unexpectedFailureIs500WithoutStackTrace() throws Exception {
        TOKENS.answers.put("apt_boom", () -> {
            throw new IllegalStateException("bug in the core");
        });
        HttpResponse<String> response = get("/rest/x", basic("alice", "apt_boom"));
        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"internal error\"}", response.body());
    }

    @Test
    void pathsOutsideThePatternAreNotFiltered() throws Exception {
        HttpResponse<String> response = get("/secure/ViewProfile.jspa", basic("alice", "apt_bad"));
        assertEquals(200, response.statusCode());
        assertTrue(TOKENS.authenticateCalls.isEmpty());
    }

    @Test
    void refusalIsLoggedWithTheTokenIdButNeverTheSecret() throws Exception {
        String secret = "apt_SuperSecretValue123";
        TOKENS.answers.put(secret, () -> AuthenticationResult.failure(Reason.EXPIRED, "publicid42", null));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(401, get("/rest/x", basic("alice", secret)).statusCode());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("refused (EXPIRED) for token publicid42 of user alice"), log);
        assertFalse(log.contains(secret), "the secret must never be logged");
    }

    @Test
    void aClientChosenUsernameCannotForgeLogLines() throws Exception {
        TOKENS.answers.put("apt_forge", () -> AuthenticationResult.failure(Reason.WRONG_USER, "tok6", null));
        // A CR/LF makes the Basic credentials malformed (RFC 7617): not ours, the host's login refuses them unlogged.
        String forged = "mallory\nadmin has been authenticated via API Token (tok7)";
        String log = capturingStandardError(() -> assertEquals("user=null auth=" + basic(forged, "apt_forge"),
                get("/rest/x", basic(forged, "apt_forge")).body()));
        assertFalse(log.contains("admin has been authenticated"), log);
        assertTrue(TOKENS.authenticateCalls.isEmpty(), "no token work for malformed credentials");
        // The Unicode line separators are not control characters, but a log viewer may break lines at them.
        String separated = "mallory\u2028admin has been authenticated via API Token (tok7)";
        String separatedLog = capturingStandardError(() -> assertEquals(401,
                get("/rest/x", basic(separated, "apt_forge")).statusCode()));
        assertTrue(separatedLog.contains("of user mallory?admin has been"), separatedLog);

        String longName = "x y".repeat(80);
        String longLog = capturingStandardError(() -> get("/rest/x", basic(longName, "apt_forge")));
        assertTrue(longLog.contains("of user " + longName.substring(0, 100) + "... from"), longLog);

        String tooLong = "x y".repeat(1000);
        String tooLongLog = capturingStandardError(() -> get("/rest/x", basic(tooLong, "apt_forge")));
        assertTrue(tooLongLog.contains("of user <redacted, 3000 chars, sha256 "), tooLongLog);
    }

    @Test
    void aTokenInTheUsernamePlaceNeverReachesTheLog() throws Exception {
        // curl --user token:token, another user's token as the username, or a mistyped (unparseable) token
        String mine = "apt_MineMineMineMineMineMine0001";
        TOKENS.answers.put(mine, () -> AuthenticationResult.failure(Reason.WRONG_USER, "tok8", null));
        for (String username : List.of(mine, "apt_SomeoneElsesTokenSecret0002", "atokq8Z3kLmN0pQrStUvWxYz0123456789abcdEFGHij")) {
            String log = capturingStandardError(() -> assertEquals(401, get("/rest/x", basic(username, mine))
                    .statusCode()));
            assertTrue(log.contains("refused (WRONG_USER) for token tok8 of user <redacted, " + username.length()
                    + " chars, sha256 "), log);
            assertFalse(log.contains(username), "a secret in the username place must not be logged: " + log);
            assertFalse(log.contains(mine), log);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String capturingStandardError(Call call) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTokenSentAsTheUsernameIsRefusedHereAndNeverReachesTheHost() throws Exception {
        for (String password : new String[] { "", "x-oauth-basic" }) {
            HttpResponse<String> response = get("/rest/api/2/myself", basic("apt_swapped", password));
            assertEquals(401, response.statusCode(), "the host's password login would see the secret as a username");
            assertFalse(response.body().contains("user="), response.body());
            assertTrue(response.body().contains("as the password"), response.body());
            assertEquals(2, response.headers().allValues("WWW-Authenticate").size());
        }
        assertTrue(TOKENS.authenticateCalls.isEmpty());
    }

    @Test
    void severalAuthorizationHeadersWithOneOfOurTokensAreRefused() throws Exception {
        TOKENS.answers.put("apt_good", () -> AuthenticationResult.success(ALICE, "tok1"));
        for (List<String> headers : List.of(List.of(basic("bob", "his-password"), "Bearer apt_good"),
                List.of("Bearer apt_good", basic("bob", "his-password")))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base + "/rest/x")).GET();
            headers.forEach(value -> request.header("Authorization", value));
            HttpResponse<String> response = server.send(request);
            assertEquals(400, response.statusCode(), "which credentials count would be ambiguous: " + headers);
            assertEquals("{\"message\":\"send exactly one Authorization header\"}", response.body());
        }
        assertTrue(TOKENS.authenticateCalls.isEmpty());

        HttpRequest.Builder passwords = HttpRequest.newBuilder(URI.create(server.base + "/rest/x")).GET()
                .header("Authorization", basic("bob", "one")).header("Authorization", basic("bob", "two"));
        assertEquals(200, server.send(passwords).statusCode(),
                "without a token of ours the host decides");
    }
}
