package dev.apitokens.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token requests against the host's own session, side by side: {@code wrk} (2 threads, 8 connections) on the same
 * endpoint of the started distribution, alternating a token's Basic header and a session cookie for several
 * rounds, and printing each round's ratio. Both modes authenticate every request; only the token one writes the
 * login log line the original product requires.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.apitokens.benchmarks.load.TokenVsSessionRun
 *     [--jar distributions/confluence/target/api-tokens-confluence.jar] [--path /rest/api/user/current]
 *     [--rounds 4] [--seconds 10] [--warmup 30] [--threads 2] [--connections 8]
 * </pre>
 */
public final class TokenVsSessionRun {

    private static final String USER = "loadrun";
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: .*");

    private final Map<String, String> options;

    private TokenVsSessionRun(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("--jar", "distributions/confluence/target/api-tokens-confluence.jar",
                "--path", "/rest/api/user/current", "--rounds", "4", "--seconds", "10", "--warmup", "30",
                "--threads", "2", "--connections", "8"));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: TokenVsSessionRun [--jar JAR] [--path PATH] [--rounds N] [--seconds S] [--warmup S]"
                        + " [--threads N] [--connections N]");
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        System.exit(new TokenVsSessionRun(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf("TokenVsSessionRun %s, wrk -t%s -c%s -d%ss, %s rounds, %d cores, java %s, %s%n",
                Instant.now(), options.get("--threads"), options.get("--connections"), options.get("--seconds"),
                options.get("--rounds"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), options.get("--jar"));
        try (DistributionServer server = DistributionServer.prepare(Path.of(options.get("--jar")))) {
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            String passwordAuth = RestCalls.basic(USER, password);
            server.addAdmin(USER, password);
            server.start();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpClient client = HttpClient.newHttpClient();
            RestCalls rest = new RestCalls(client, base);
            String path = options.get("--path");
            server.awaitAnswer(rest, path, passwordAuth);

            String tokenHeader = "Authorization: " + RestCalls.basic(USER, rest.create(passwordAuth, "wrk").secret());
            String sessionHeader = "Cookie: APITOKENS_SESSION=" + rest.session(USER, password);
            String url = base.resolve(path).toString();

            // The JIT compiler still works for tens of seconds after the first requests on 2 cores: a short warm-up
            // slows whichever mode runs first. Rounds also alternate which mode goes first.
            int warmup = Integer.parseInt(options.get("--warmup"));
            System.out.printf("warm-up (not counted): %d s of each mode%n", warmup);
            wrk(server, url, tokenHeader, warmup);
            wrk(server, url, sessionHeader, warmup);

            int rounds = Integer.parseInt(options.get("--rounds"));
            int seconds = Integer.parseInt(options.get("--seconds"));
            List<double[]> results = new ArrayList<>();
            boolean clean = true;
            for (int round = 1; round <= rounds; round++) {
                boolean tokenFirst = round % 2 == 1;
                Result first = wrk(server, url, tokenFirst ? tokenHeader : sessionHeader, seconds);
                Result second = wrk(server, url, tokenFirst ? sessionHeader : tokenHeader, seconds);
                Result token = tokenFirst ? first : second;
                Result session = tokenFirst ? second : first;
                clean &= token.clean() && session.clean();
                results.add(new double[] {token.requestsPerSecond(), session.requestsPerSecond(),
                    token.cpuMicrosPerRequest(), session.cpuMicrosPerRequest()});
                System.out.printf("round %d: token %.0f req/s, session %.0f req/s, token/session %.3f; server CPU per "
                        + "request: token %.2f us, session %.2f us%s%n", round,
                        token.requestsPerSecond(), session.requestsPerSecond(),
                        token.requestsPerSecond() / session.requestsPerSecond(), token.cpuMicrosPerRequest(),
                        session.cpuMicrosPerRequest(),
                        token.clean() && session.clean() ? "" : " (ERRORS: " + token.problems() + session.problems() + ")");
            }
            double tokenSum = results.stream().mapToDouble(r -> r[0]).sum();
            double sessionSum = results.stream().mapToDouble(r -> r[1]).sum();
            double minRatio = results.stream().mapToDouble(r -> r[0] / r[1]).min().orElse(0);
            double maxRatio = results.stream().mapToDouble(r -> r[0] / r[1]).max().orElse(0);
            System.out.printf("token/session over %d rounds: %.3f (rounds %.3f - %.3f); token %.0f req/s, session %.0f "
                    + "req/s on average%n", rounds, tokenSum / sessionSum, minRatio, maxRatio, tokenSum / rounds,
                    sessionSum / rounds);
            double tokenCpu = results.stream().mapToDouble(r -> r[2]).average().orElse(0);
            double sessionCpu = results.stream().mapToDouble(r -> r[3]).average().orElse(0);
            // less sensitive to other load on the machine than the request rates
            System.out.printf("server CPU per request over %d rounds: token %.2f us, session %.2f us; session/token "
                    + "%.3f%n", rounds, tokenCpu, sessionCpu, sessionCpu / tokenCpu);
            System.out.printf("server VmRSS: %s; login lines in the log: %d%n", server.residentSetSize(),
                    server.logLinesContaining("has been authenticated via API Token"));
            return clean;
        }
    }

    /** Logs in through the host's session resource; the session cookie's value. */

    /** {@code cpuMicrosPerRequest}: the server process's CPU time (user and system) during the run per request. */
    private record Result(double requestsPerSecond, long non2xx, String socketErrors, double cpuMicrosPerRequest) {
        boolean clean() {
            return non2xx == 0 && socketErrors == null;
        }

        String problems() {
            return (non2xx > 0 ? non2xx + " non-2xx " : "") + (socketErrors == null ? "" : socketErrors + " ");
        }
    }

    private Result wrk(DistributionServer server, String url, String header, int seconds) throws Exception {
        Duration cpuBefore = server.cpuTime();
        Process wrk = new ProcessBuilder("wrk", "-t" + options.get("--threads"), "-c" + options.get("--connections"),
                "-d" + seconds + "s", "-H", header, url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (install it: apt-get install wrk):\n" + out);
        }
        Duration cpu = server.cpuTime().minus(cpuBefore);
        Matcher rate = REQUESTS_PER_SECOND.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + out);
        }
        Matcher non2xx = NON_2XX.matcher(out);
        Matcher socket = SOCKET_ERRORS.matcher(out);
        double perRequest = requests.find() ? cpu.toNanos() / 1000.0 / Long.parseLong(requests.group(1)) : Double.NaN;
        return new Result(Double.parseDouble(rate.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socket.find() ? socket.group() : null, perRequest);
    }
}
