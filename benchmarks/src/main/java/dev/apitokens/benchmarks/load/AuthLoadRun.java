package dev.apitokens.benchmarks.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Load over real HTTP on loopback against the Jira distribution jar, started here as a child process with a fresh
 * data directory: {@code GET /rest/api/2/myself} by N client threads per scenario, (a) hmac-sha256 token, cache on;
 * (b) the same token, cache off; (c) a PBKDF2 (600k) token, cache on; (d) cache off; (e) the user's password.
 * Measured in the order a, c, b, d, e (the cache goes off once, and the PBKDF2 token proves it went off), printed
 * a to e with ratios to (a). Afterwards: the server's RSS, and each token's usageCount against the 200s it got.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.apitokens.benchmarks.load.AuthLoadRun
 *     [--jar distributions/jira/target/api-tokens-jira.jar] [--threads 8] [--warmup 5] [--seconds 15]
 *     [--server-warmup 10]   (seconds of scenario (a)'s request before the first scenario, for the server's JIT)
 *     [--hasher-bundle path/to/hasher-pbkdf2.jar]   (dropped into data/config/ only if the jar does not ship it)
 * </pre>
 */
public final class AuthLoadRun {

    private static final String USER = "loadrun";
    private static final String MYSELF = "/rest/api/2/myself";
    private static final String PBKDF2_CONFIG = "service.ranking = I\"200\"\niterations = I\"600000\"\n";
    private static final String CACHE_OFF_CONFIG = "cacheMaxEntries=0\ncacheTtlSeconds=30\n"
            + "usageFlushIntervalSeconds=5\nrehashOnUse=false\n";

    private final Map<String, String> options;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, ScenarioResult> results = new LinkedHashMap<>();
    private final Map<String, Long> successesByToken = new LinkedHashMap<>();
    private DistributionServer server;
    private RestCalls rest;
    private String passwordAuth;
    private double pbkdf2Millis;

    private AuthLoadRun(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--jar", "distributions/jira/target/api-tokens-jira.jar",
                "--threads", "8", "--warmup", "5", "--seconds", "15", "--server-warmup", "10"));
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: AuthLoadRun [--jar JAR] [--threads N] [--warmup S] [--seconds S]"
                        + " [--server-warmup S] [--hasher-bundle JAR]");
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        new AuthLoadRun(options).run();
    }

    private void run() throws Exception {
        boolean usageOk;
        int threads = Integer.parseInt(options.get("--threads"));
        System.out.printf("AuthLoadRun %s, %d client threads, %s s warm-up + %s s per scenario, %d cores, java %s%n",
                Instant.now(), threads, options.get("--warmup"), options.get("--seconds"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (DistributionServer started = DistributionServer.prepare(Path.of(options.get("--jar")))) {
            server = started;
            usageOk = measureAll(threads);
        }
        if (!usageOk) {
            System.exit(1);
        }
    }

    private boolean measureAll(int threads) throws Exception {
        try {
            boolean pbkdf2 = pbkdf2Available();
            String password = newPassword();
            passwordAuth = RestCalls.basic(USER, password);
            // An administrator, so that the admin listing can show which algorithm hashed each token.
            server.addAdmin(USER, password);
            server.start();
            rest = new RestCalls(client, URI.create("http://127.0.0.1:" + server.port()));
            ClosedLoopLoad load = new ClosedLoopLoad(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.port()), threads, Duration.ofSeconds(Long.parseLong(options.get("--warmup"))),
                    Duration.ofSeconds(Long.parseLong(options.get("--seconds"))));
            server.awaitAnswer(rest, MYSELF, passwordAuth);

            RestCalls.Token sha = rest.create(passwordAuth, "load hmac-sha256");
            System.out.println("token " + sha.id() + " hashed with " + rest.algorithm(passwordAuth, USER, sha.id()));
            // The server's JIT is cold after start-up; without this, whichever scenario runs first looks slowest.
            int serverWarmUp = Integer.parseInt(options.get("--server-warmup"));
            if (serverWarmUp > 0) {
                ClosedLoopLoad jit = load.withWindow(Duration.ZERO, Duration.ofSeconds(serverWarmUp));
                measure(jit, "server warm-up (not in the table)", sha);
            }
            results.put("a", measure(load, "(a) token hmac-sha256, cache on", sha));
            RestCalls.Token slow = null;
            if (pbkdf2) {
                slow = createPbkdf2Token();
                results.put("c", measure(load, "(c) token pbkdf2 600k, cache on", slow));
            }
            turnCacheOff(slow);
            results.put("b", measure(load, "(b) token hmac-sha256, cache off", sha));
            if (slow != null) {
                results.put("d", measure(load, "(d) token pbkdf2 600k, cache off", slow));
            }
            results.put("e", load.run("(e) password (host PBKDF2)", MYSELF, passwordAuth));
            System.out.printf("%nserver pid %d VmRSS after the run: %s%n", server.pid(), server.residentSetSize());

            List<ScenarioResult> rows = new ArrayList<>();
            rows.add(results.get("a"));
            rows.add(results.get("b"));
            rows.add(results.getOrDefault("c", ScenarioResult.skipped("(c) token pbkdf2 600k, cache on")));
            rows.add(results.getOrDefault("d", ScenarioResult.skipped("(d) token pbkdf2 600k, cache off")));
            rows.add(results.get("e"));
            System.out.println();
            System.out.print(ScenarioResult.table(rows));
            System.out.println();
            return checkUsageCounts(sha, slow);
        } catch (Exception e) {
            if (!server.isAlive()) {
                System.err.println("the server is not running; its console ended with:\n" + server.consoleTail());
            }
            throw e;
        }
    }

    private static String newPassword() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private boolean pbkdf2Available() throws Exception {
        if (server.ships("hasher-pbkdf2")) {
            System.out.println("the distribution ships hasher-pbkdf2: scenarios (c) and (d) run");
            return true;
        }
        String bundle = options.get("--hasher-bundle");
        if (bundle == null) {
            System.out.println("the distribution does NOT ship hasher-pbkdf2 (bundles: " + server.bundles().size()
                    + "): scenarios (c) and (d) are skipped (or give --hasher-bundle path/to/hasher-pbkdf2.jar)");
            return false;
        }
        Path config = Files.createDirectories(server.data().resolve("config"));
        Files.copy(Path.of(bundle), config.resolve(Path.of(bundle).getFileName()));
        System.out.println("the distribution does NOT ship hasher-pbkdf2: " + bundle + " dropped into data/config/");
        return true;
    }


    private ScenarioResult measure(ClosedLoopLoad load, String name, RestCalls.Token token) throws Exception {
        ScenarioResult result = load.run(name, MYSELF, RestCalls.basic(USER, token.secret()));
        successesByToken.merge(token.id(), result.successes(), Long::sum);
        System.out.printf("  %s: %.1f req/s, %d errors (warm-up errors %d)%n", name, result.requestsPerSecond(),
                result.errors(), result.warmUpErrors());
        return result;
    }

    /**
     * Makes PBKDF2 the default hasher and creates a token with it. FileInstall applies the file within a second or
     * two; a token created before that is still hmac-sha256 (the admin listing says which), so it is revoked and
     * the creation retried.
     */
    private RestCalls.Token createPbkdf2Token() throws Exception {
        server.configure("dev.apitokens.hasher.pbkdf2", PBKDF2_CONFIG);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long start = System.nanoTime();
            RestCalls.Token token = rest.create(passwordAuth, "load pbkdf2");
            double millis = (System.nanoTime() - start) / 1e6;
            String algorithm = rest.algorithm(passwordAuth, USER, token.id());
            if (algorithm.equals("pbkdf2-sha256")) {
                System.out.printf("token %s hashed with %s (600k iterations), created in %.0f ms%n", token.id(),
                        algorithm, millis);
                pbkdf2Millis = millis;
                return token;
            }
            rest.revoke(passwordAuth, token.id());
        }
        throw new IllegalStateException("PBKDF2 never became the default hasher within 30 s");
    }

    /**
     * Writes {@code cacheMaxEntries=0}. The service restarts with an empty cache either way, so only two slow
     * verifications of the PBKDF2 token in a row prove the cache is off; without that token, wait 5 s.
     */
    private void turnCacheOff(RestCalls.Token pbkdf2) throws Exception {
        server.configure("dev.apitokens.core", CACHE_OFF_CONFIG);
        if (pbkdf2 == null) {
            Thread.sleep(5000);
            System.out.println("cache off written; waited 5 s for FileInstall (no PBKDF2 token to prove it)");
            return;
        }
        String auth = RestCalls.basic(USER, pbkdf2.secret());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            double first = timedOk(auth, pbkdf2);
            double second = timedOk(auth, pbkdf2);
            // A cached verification is well under a millisecond; an uncached one costs about what hashing did.
            double slow = Math.max(10, pbkdf2Millis / 4);
            if (first >= slow && second >= slow) {
                System.out.printf("cache off applied: two PBKDF2 verifications in a row took %.0f and %.0f ms%n",
                        first, second);
                return;
            }
        }
        throw new IllegalStateException("cacheMaxEntries=0 was not applied within 30 s");
    }

    /** One request with the token, counted towards its usage; milliseconds, or NaN when it failed. */
    private double timedOk(String auth, RestCalls.Token token) throws Exception {
        long start = System.nanoTime();
        int status = rest.status(MYSELF, auth);
        double millis = (System.nanoTime() - start) / 1e6;
        if (status != 200) {
            return Double.NaN;
        }
        successesByToken.merge(token.id(), 1L, Long::sum);
        return millis;
    }

    /** Waits out the write-behind flush (5 s), then compares each token's usageCount with the 200s it got. */
    private boolean checkUsageCounts(RestCalls.Token... tokens) throws Exception {
        Thread.sleep(6000);
        boolean allEqual = true;
        for (RestCalls.Token token : tokens) {
            if (token == null) {
                continue;
            }
            long expected = successesByToken.getOrDefault(token.id(), 0L);
            OptionalLong counted = rest.usageCount(passwordAuth, token.id());
            for (int retry = 0; retry < 5 && counted.orElse(-1) < expected; retry++) {
                Thread.sleep(2000);
                counted = rest.usageCount(passwordAuth, token.id());
            }
            boolean equal = counted.isPresent() && counted.getAsLong() == expected;
            allEqual &= equal;
            // The server logs every token authentication: tells a use the client never saw answered (e.g. a
            // request the HTTP client re-sent) from one the write-behind counted twice or lost.
            long logged = server.logLinesContaining("authenticated via API Token (" + token.id() + ")");
            System.out.printf("usage check token %s: usageCount %s, successful requests %d -> %s"
                    + " (server log: %d authentications)%n", token.id(),
                    counted.isPresent() ? Long.toString(counted.getAsLong()) : "missing", expected,
                    equal ? "EQUAL" : "DIFFERENT", logged);
        }
        System.out.println("server log: " + server.logLinesContaining("Could not record the usage")
                + " failed usage flushes, " + server.logLinesContaining(" ERROR ") + " ERROR lines");
        System.out.println(allEqual ? "usage check: PASSED (no use lost under load)" : "usage check: FAILED");
        return allEqual;
    }
}
