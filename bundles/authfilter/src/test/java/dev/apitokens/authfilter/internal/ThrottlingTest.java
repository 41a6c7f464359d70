package dev.apitokens.authfilter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.AuthenticationResult.Reason;
import dev.apitokens.host.spi.HostUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Failed-authentication throttling over real HTTP: per token id (never locking out the holder of the right secret)
 * and per client address (behind trusted proxies only), with 429, Retry-After and a JSON message, and one log line
 * per throttled key and window instead of one per guess.
 */
class ThrottlingTest {

    private static final HostUser ALICE = new HostUser("key-alice", "alice", "Alice", true, false);
    private static final String RIGHT = "apt_theRightSecret";

    /** A clock the test moves by hand, so windows end without waiting. */
    static final class HandClock extends Clock {
        final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        void advanceSeconds(long seconds) {
            millis.addAndGet(seconds * 1000);
        }
    }

    private final ScriptedTokenService tokens = new ScriptedTokenService();
    private final HandClock clock = new HandClock();

    /** Wrong secrets for token "victim" are apt_guessN; the right one is {@link #RIGHT}. */
    private void scriptVictim(int guesses) {
        tokens.answers.put(RIGHT, () -> AuthenticationResult.success(ALICE, "victim"));
        for (int i = 0; i < guesses; i++) {
            tokens.answers.put("apt_guess" + i, () -> AuthenticationResult.failure(Reason.WRONG_SECRET, "victim", null));
        }
    }

    @Test
    void guessesAgainstOneTokenAre429AfterItsBudgetButTheRightSecretStillGetsIn() throws Exception {
        scriptVictim(10);
        try (FilterServer server = new FilterServer(tokens, FilterServer.config("r", 3, 1000, 60), clock)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, server.get("/rest/x", "Bearer apt_guess" + i).statusCode());
            }
            HttpResponse<String> throttled = server.get("/rest/x", "Bearer apt_guess3");
            assertEquals(429, throttled.statusCode());
            assertEquals("60", throttled.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("{\"message\":\"too many failed authentications; retry after 60 s\"}", throttled.body());
            assertTrue(throttled.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));

            clock.advanceSeconds(20);
            HttpResponse<String> holder = server.get("/rest/x", FilterServer.basic("alice", RIGHT));
            assertEquals(200, holder.statusCode(), "someone else's guesses never lock the holder out");
            assertTrue(holder.body().startsWith("user=alice/victim "), holder.body());
            HttpResponse<String> stillThrottled = server.get("/rest/x", "Bearer apt_guess4");
            assertEquals(429, stillThrottled.statusCode());
            assertEquals("40", stillThrottled.headers().firstValue("Retry-After").orElseThrow());

            clock.advanceSeconds(41);
            assertEquals(401, server.get("/rest/x", "Bearer apt_guess5").statusCode(), "a new window, a new budget");
            assertEquals(6, tokens.authenticateCalls.stream().filter(c -> c.contains("apt_guess")).count(),
                    "every guess against the id was still checked");
        }
    }

    @Test
    void aClientAddressOverItsBudgetIsNotEvenChecked() throws Exception {
        scriptVictim(0);
        try (FilterServer server = new FilterServer(tokens, FilterServer.config("r", 1000, 5, 60), clock)) {
            for (int i = 0; i < 5; i++) {
                // unknown tokens, a different id each time: only the address budget sees them all
                assertEquals(401, server.get("/rest/x", "Bearer apt_random" + i).statusCode());
            }
            int checked = tokens.authenticateCalls.size();
            HttpResponse<String> throttled = server.get("/rest/x", "Bearer apt_random5");
            assertEquals(429, throttled.statusCode());
            assertEquals("60", throttled.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(429, server.get("/rest/x", "Bearer " + RIGHT).statusCode(),
                    "the address that made the failures waits like everyone else");
            assertEquals(429, server.get("/rest/x", FilterServer.basic("apt_asUsername", "")).statusCode());
            assertEquals(checked, tokens.authenticateCalls.size(), "no token work for a throttled address");
            assertEquals(200, server.get("/rest/x", FilterServer.basic("alice", "a password")).statusCode(),
                    "requests without a token of ours are the host's business");

            clock.advanceSeconds(60);
            assertEquals(200, server.get("/rest/x", "Bearer " + RIGHT).statusCode());
        }
    }

    @Test
    void forwardedForCountsOnlyBehindATrustedProxy() throws Exception {
        scriptVictim(0);
        try (FilterServer proxied = new FilterServer(tokens,
                FilterServer.config("r", 1000, 2, 60, "127.0.0.0/8", "not-an-address", "10.0.0.0/99"), clock)) {
            Map<String, String> attacker = Map.of("Authorization", "Bearer apt_nope", "X-Forwarded-For", "203.0.113.7");
            assertEquals(401, proxied.get("/rest/x", attacker).statusCode());
            assertEquals(401, proxied.get("/rest/x", attacker).statusCode());
            assertEquals(429, proxied.get("/rest/x", attacker).statusCode());
            assertEquals(429, proxied.get("/rest/x", Map.of("Authorization", "Bearer apt_nope",
                    "X-Forwarded-For", "198.51.100.9, 203.0.113.7")).statusCode(),
                    "what the client wrote left of the last untrusted hop is not believed");
            assertEquals(200, proxied.get("/rest/x", Map.of("Authorization", "Bearer " + RIGHT,
                    "X-Forwarded-For", "198.51.100.9")).statusCode(), "another client behind the proxy is not affected");
        }
        try (FilterServer direct = new FilterServer(tokens, FilterServer.config("r", 1000, 2, 60), clock)) {
            for (String forged : List.of("192.0.2.1", "192.0.2.2", "192.0.2.3")) {
                direct.get("/rest/x", Map.of("Authorization", "Bearer apt_nope", "X-Forwarded-For", forged));
            }
            assertEquals(429, direct.get("/rest/x", Map.of("Authorization", "Bearer " + RIGHT,
                    "X-Forwarded-For", "192.0.2.99")).statusCode(), "without a trusted proxy X-Forwarded-For is ignored");
        }
    }

    @Test
    void aThousandWrongGuessesWriteAFewLinesNotAThousand() throws Exception {
        scriptVictim(1000);
        List<String> lines;
        int throttled = 0;
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (FilterServer server = new FilterServer(tokens, FilterServer.config("r", 10, 100, 60), clock)) {
            for (int i = 0; i < 1000; i++) {
                if (server.get("/rest/x", "Bearer apt_guess" + i).statusCode() == 429) {
                    throttled++;
                }
            }
            clock.advanceSeconds(60);
            server.filter.logThrottleSummaries();
        } finally {
            System.setErr(original);
        }
        lines = new ArrayList<>(captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("API token authentication")).toList());
        System.out.println("1000 wrong guesses against one token from one address: " + (1000 - throttled)
                + " answered 401, " + throttled + " answered 429, " + lines.size() + " log lines");
        assertEquals(990, throttled, "10 failures per token, then 429");
        long refusals = lines.stream().filter(l -> l.contains("refused (WRONG_SECRET)")).count();
        assertEquals(10, refusals, String.join("\n", lines));
        assertEquals(1, lines.stream().filter(l -> l.contains("throttled for token victim: 10 failures")).count());
        assertEquals(1, lines.stream().filter(l -> l.contains("throttled for client address 127.0.0.1: 100 failures"))
                .count());
        assertTrue(lines.stream().anyMatch(l -> l.contains("throttled for token victim: 100 failed attempts in its 60 s "
                + "window, 90 of them answered 429")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("throttled for client address 127.0.0.1: 1000 failed "
                + "attempts in its 60 s window, 900 of them answered 429")), String.join("\n", lines));
        assertEquals(14, lines.size(), String.join("\n", lines));
    }

    @Test
    void theCountersStayBoundedAndAFloodOfNewKeysDoesNotLiftAThrottle() {
        FailureThrottle throttle = new FailureThrottle(3, 60, 100, clock);
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("victim");
        }
        assertTrue(throttle.retryAfterSeconds("victim") > 0);
        for (int i = 0; i < 100_000; i++) {
            throttle.recordFailure("flood" + i);
        }
        assertTrue(throttle.trackedKeys() <= 100, "tracked " + throttle.trackedKeys());
        assertTrue(throttle.retryAfterSeconds("victim") > 0, "the throttle in force survived the flood");
        clock.advanceSeconds(60);
        assertEquals(0, throttle.retryAfterSeconds("victim"));
        assertEquals(List.of(new FailureThrottle.Summary("victim", 4, 1)), throttle.takeEndedOverBudget());
        assertEquals(0, throttle.trackedKeys());
    }
}
