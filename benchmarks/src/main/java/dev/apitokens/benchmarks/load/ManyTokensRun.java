package dev.apitokens.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory with many distinct tokens in use: creates {@code --tokens} (100,000) tokens through the REST API, then
 * sends {@code --requests} (1,000,000) token requests with {@code wrk}, each connection cycling through all the
 * tokens (so the verified-token cache, 10,000 entries by default, is far smaller than the working set), and prints
 * the server's VmRSS after start-up, after the creates and after the requests, and the 200 count.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.apitokens.benchmarks.load.ManyTokensRun [--tokens N] [--requests N]
 * </pre>
 */
public final class ManyTokensRun {

    private static final String USER = "manytokens";
    private static final Pattern SECRET = Pattern.compile("\"passwordValue\":\"([^\"]+)\"");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    /** Each wrk connection walks the token list from its own starting point. */
    private static final String CYCLE_SCRIPT = """
            local headers = {}
            for line in io.lines(os.getenv("TOKEN_HEADERS")) do headers[#headers + 1] = line end
            local i = math.random(#headers)
            request = function()
              i = i % #headers + 1
              return wrk.format("GET", nil, { ["Authorization"] = headers[i] })
            end
            """;

    public static void main(String[] args) throws Exception {
        int tokens = 100_000;
        long requests = 1_000_000;
        String jar = "distributions/jira/target/api-tokens-jira.jar";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tokens" -> tokens = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Long.parseLong(args[i + 1]);
                case "--jar" -> jar = args[i + 1];
                default -> {
                    System.err.println("usage: ManyTokensRun [--jar JAR] [--tokens N] [--requests N]");
                    System.exit(2);
                }
            }
        }
        System.out.printf("ManyTokensRun %s, %d tokens, %d requests, %d cores, java %s, %s%n", Instant.now(), tokens,
                requests, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), jar);
        boolean clean;
        try (DistributionServer server = DistributionServer.prepare(Path.of(jar))) {
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            server.addAdmin(USER, password);
            server.start();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpClient client = HttpClient.newHttpClient();
            RestCalls rest = new RestCalls(client, base);
            server.awaitAnswer(rest, "/rest/api/2/myself", RestCalls.basic(USER, password));
            System.out.println("VmRSS after start-up: " + server.residentSetSize());

            long started = System.nanoTime();
            List<String> headers = create(client, base, rest.session(USER, password), tokens);
            System.out.printf("created %d tokens in %.1f s; VmRSS: %s%n", headers.size(),
                    (System.nanoTime() - started) / 1e9, server.residentSetSize());

            Path headerFile = Files.createTempFile("many-tokens", ".txt");
            Path script = Files.createTempFile("many-tokens", ".lua");
            try {
                Files.write(headerFile, headers);
                Files.writeString(script, CYCLE_SCRIPT);
                long sent = 0;
                long failed = 0;
                started = System.nanoTime();
                while (sent < requests) {
                    String out = wrk(script, headerFile, base.resolve("/rest/api/2/myself").toString());
                    Matcher count = REQUESTS.matcher(out);
                    if (!count.find()) {
                        throw new IllegalStateException("no request count in wrk's output:\n" + out);
                    }
                    sent += Long.parseLong(count.group(1));
                    Matcher non2xx = NON_2XX.matcher(out);
                    failed += non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("%d requests over %d distinct tokens in %.1f s (%.0f req/s), %d not 2xx; VmRSS: %s%n",
                        sent, headers.size(), seconds, sent / seconds, failed, server.residentSetSize());
                clean = failed == 0;
            } finally {
                Files.deleteIfExists(headerFile);
                Files.deleteIfExists(script);
            }
        }
        // after the server is stopped and the temporary files are gone
        System.exit(clean ? 0 : 1);
    }

    private static String wrk(Path script, Path headerFile, String url) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t2", "-c8", "-d20s", "-s", script.toString(), url)
                .redirectErrorStream(true);
        builder.environment().put("TOKEN_HEADERS", headerFile.toString());
        Process wrk = builder.start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (install it: apt-get install wrk):\n" + out);
        }
        return out;
    }

    /** Creates the tokens over the session (a password login per create would cost a PBKDF2 each), 8 at a time. */
    private static List<String> create(HttpClient client, URI base, String cookie, int count) throws Exception {
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(base.resolve(RestCalls.TOKENS))
                    .header("Cookie", "APITOKENS_SESSION=" + cookie).header("X-Atlassian-Token", "no-check")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"many " + i + "\"}")).build();
            created.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release())
                    .thenApply(response -> {
                        Matcher secret = SECRET.matcher(response.body());
                        if (response.statusCode() != 200 || !secret.find()) {
                            throw new IllegalStateException("create answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                        return RestCalls.basic(USER, secret.group(1));
                    }));
        }
        List<String> headers = new ArrayList<>(count);
        for (CompletableFuture<String> future : created) {
            headers.add(future.join());
        }
        return headers;
    }

    private ManyTokensRun() {
    }
}
