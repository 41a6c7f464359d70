package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Jira distribution (on H2) against clients that misbehave on purpose: guessing secrets, sending tokens in the
 * username place, breaking their framing, oversizing their headers, holding back their bodies by the hundred.
 * Loopback only; every flood is capped in connections and seconds.
 *
 * <p>The distribution trusts 127.0.0.1 as a reverse proxy, so each test speaks for its own client address with
 * {@code X-Forwarded-For} and the failure budgets of one test do not spill into another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsIT {

    private static final String API = "/rest/api-tokens/latest/";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Distribution distribution;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        distribution = Distribution.of("jira").config("dev.apitokens.authfilter", Map.of(
                "trustedProxies", "127.0.0.1")).start();
        admin = basic("admin", distribution.adminPassword());
    }

    @AfterAll
    void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    private String createToken(String label) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(distribution.uri(API))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + label + "\"}")), Map.of());
        assertEquals(200, created.statusCode(), created.body());
        return RestClient.JSON.readTree(created.body()).path("passwordValue").asText();
    }

    /** The token with the same public id and another secret, with a valid checksum: a guess the server must check. */
    private static String guess(String token, int n) {
        String secret = Integer.toString(n, 36).toUpperCase();
        String body = token.substring(0, 20) + (secret + "x".repeat(22)).substring(0, 22);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[6];
        for (int i = 5; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return body + new String(digits);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) throws Exception {
        headers.forEach(request::header);
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getAs(String client, String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(distribution.uri(path)).GET(),
                Map.of("Authorization", authorization, "X-Forwarded-For", client));
    }

    @Test
    void guessesAgainstOneTokenAreThrottledWhileItsHolderStillGetsIn() throws Exception {
        String token = createToken("guessed");
        long linesBefore = logLines();
        int unauthorized = 0;
        int throttled = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 1000; i++) {
            last = getAs("198.51.100." + (1 + i % 200), "/rest/api/2/myself", basic("admin", guess(token, i)));
            if (last.statusCode() == 401) {
                unauthorized++;
            } else if (last.statusCode() == 429) {
                throttled++;
            }
        }
        assertEquals(10, unauthorized, "the token id's budget: 10 failures per minute");
        assertEquals(990, throttled);
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        assertTrue(last.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(last.body().startsWith("{\"message\":\"too many failed authentications"), last.body());

        HttpResponse<String> holder = getAs("198.51.100.1", "/rest/api/2/myself", basic("admin", token));
        assertEquals(200, holder.statusCode(), "the right secret is always checked and accepted: " + holder.body());

        List<String> lines = logLinesSince(linesBefore, "API token authentication");
        System.out.println("1000 wrong guesses against one token id from 200 addresses: " + unauthorized
                + " answered 401, " + throttled + " answered 429, " + lines.size() + " log lines");
        assertTrue(lines.size() <= 12, String.join("\n", lines));
        assertFalse(String.join("\n", lines).contains(token.substring(20)), "no secret in the log");
    }

    @Test
    void anAddressOverItsBudgetIsRefusedWithoutWorkAndTheRateIsMeasured() throws Exception {
        String client = "203.0.113.77";
        long start = System.nanoTime();
        int checked = 0;
        int throttled = 0;
        for (int i = 0; i < 400; i++) {
            // a different (unknown) token id every time: only the address budget sees them all
            String random = guess("atok" + String.format("%016d", i) + "x".repeat(28), i);
            int status = getAs(client, "/rest/api/2/myself", "Bearer " + random).statusCode();
            if (status == 401) {
                checked++;
            } else if (status == 429) {
                throttled++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("400 wrong guesses from one address in %.1f s: %d checked (401), %d refused unchecked (429)%n",
                seconds, checked, throttled);
        assertEquals(100, checked, "the address budget: 100 failures per minute");
        assertEquals(300, throttled);
        assertEquals(200, getAs("203.0.113.78", "/rest/api/2/myself", admin).statusCode(),
                "a password login from another address is not affected");
    }

    @Test
    void aTokenInTheUsernamePlaceNeverReachesTheLogFile() throws Exception {
        String token = createToken("pasted twice");
        String other = createToken("someone else's");
        for (String username : List.of(token, other, guess(token, 7), "atok" + token.substring(4, 40))) {
            int status = getAs("192.0.2.10", "/rest/api/2/myself", basic(username, token)).statusCode();
            assertEquals(401, status, username);
        }
        String log = Files.readString(distribution.settledLogFile());
        for (String secret : List.of(token, other, token.substring(20, 42), other.substring(20, 42))) {
            assertFalse(log.contains(secret), "a secret reached " + distribution.logFile());
        }
        assertTrue(log.contains("<redacted, 48 chars, sha256 "), "the refusal is logged with a fingerprint");
    }

    @Test
    void jettysOwnRefusalsUnderRestAreJson() throws Exception {
        String tooLarge = exchange("GET /rest/api/2/myself HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(40_000)
                + "\r\n\r\n", false);
        assertTrue(tooLarge.startsWith("HTTP/1.1 431"), tooLarge);
        assertTrue(tooLarge.contains("application/json") && tooLarge.contains("{\"message\":\""), tooLarge);

        String badHeader = exchange("GET /rest/api/2/myself HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n", false);
        assertTrue(badHeader.startsWith("HTTP/1.1 400"), badHeader);
        assertTrue(badHeader.contains("application/json") && badHeader.contains("{\"message\":\""), badHeader);

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(distribution.uri("/rest/api/2/myself"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")), Map.of("Authorization", admin));
        assertEquals(405, wrongMethod.statusCode(), wrongMethod.body());
        assertTrue(wrongMethod.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(wrongMethod.body().startsWith("{\"message\":"), wrongMethod.body());

        for (String target : List.of(API + "%2e%2e/admin/tokens", API + "a%2fb", API + "%00", "/rest//api/2/myself")) {
            String refused = exchange("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + admin
                    + "\r\n\r\n", true);
            assertTrue(refused.startsWith("HTTP/1.1 400"), target + ": " + refused);
            assertTrue(refused.contains("application/json") && refused.contains("{\"message\":\""), target + ": " + refused);
        }

        String page = exchange("GET /secure/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(40_000)
                + "\r\n\r\n", false);
        assertTrue(page.startsWith("HTTP/1.1 431") && !page.contains("application/json"), "pages keep HTML: " + page);
    }

    @Test
    void brokenBodiesAre400JsonOnBothPostEndpoints() throws Exception {
        for (String path : List.of(API, "/rest/auth/1/session")) {
            String auth = path.equals(API) ? "Authorization: " + admin + "\r\n" : "";
            String chunked = exchange("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", true);
            assertTrue(chunked.startsWith("HTTP/1.1 400"), path + ": " + chunked);
            assertTrue(chunked.contains("{\"message\":\""), path + ": " + chunked);
            String cut = exchange("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"label\":", true);
            assertTrue(cut.startsWith("HTTP/1.1 400"), path + ": " + cut);
            assertTrue(cut.contains("{\"message\":\""), path + ": " + cut);
            assertFalse(chunked.contains("Exception") || cut.contains("Exception"), "no stack trace");
        }
        assertFalse(Files.readString(distribution.settledLogFile()).contains("\tat "), "no stack trace in the log either");
    }

    @Test
    void threeHundredHeldBackBodiesDoNotStarveTokenRequests() throws Exception {
        String token = createToken("under load");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                String path = i % 2 == 0 ? API : "/rest/auth/1/session";
                Socket socket = new Socket("127.0.0.1", distribution.port());
                socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"label\":")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            long worst = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                HttpResponse<String> reply = send(HttpRequest.newBuilder(distribution.uri("/rest/api/2/myself")).GET(),
                        Map.of("Authorization", "Bearer " + token));
                worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);
                assertEquals(200, reply.statusCode(), reply.body());
            }
            System.out.println("20 token requests beside 300 held-back bodies: slowest " + worst + " ms");
            assertTrue(worst < 3_000, "slowest token request " + worst + " ms");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private long logLines() throws IOException {
        try (var lines = Files.lines(distribution.settledLogFile())) {
            return lines.count();
        }
    }

    private List<String> logLinesSince(long skip, String containing) throws IOException {
        try (var lines = Files.lines(distribution.settledLogFile())) {
            return lines.skip(skip).filter(line -> line.contains(containing)).toList();
        }
    }

    /** Raw HTTP/1.1 to the distribution; reads until it closes the connection or is silent for five seconds. */
    private String exchange(String request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", distribution.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // kept open: what arrived is the answer
            } catch (IOException e) {
                // reset after the answer: what arrived is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
