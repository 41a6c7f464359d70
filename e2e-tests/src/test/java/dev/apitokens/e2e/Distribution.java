package dev.apitokens.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A built distribution jar ({@code api-tokens-jira.jar}, {@code api-tokens-confluence.jar}) running as a child
 * process, for end-to-end tests over real HTTP:
 *
 * <pre>
 * try (Distribution jira = Distribution.of("jira").config("dev.apitokens.core", Map.of("usageFlushIntervalSeconds", "1")).start()) {
 *     URI uri = jira.uri("/rest/api-tokens/latest/");          // http://127.0.0.1:&lt;free port&gt;/...
 *     String password = jira.adminPassword();                  // from &lt;data&gt;/admin-password.txt
 * }                                                            // stops it (SIGTERM, then kill after 30 s)
 * </pre>
 *
 * Each start gets a free port and a fresh data directory under {@code target/e2e-work/} (kept for diagnosis; the
 * console output is in {@code console.log} there, the product log in {@code logs/api-tokens.log}).
 * {@link #start()} returns when the admin can list tokens, i.e. host, REST API, core and store are all up.
 * The jar comes from the system property {@code apitokens.e2e.<name>.jar} (set by the pom), else from
 * {@code ../distributions/<name>/target/api-tokens-<name>.jar}.
 */
public final class Distribution implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path jar;
    private final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    private Distribution usersSource;
    private Path dataDir;
    private int port;
    private Process process;
    private String adminPassword;

    private Distribution(String name) {
        this.name = name;
        String configured = System.getProperty("apitokens.e2e." + name + ".jar");
        this.jar = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("..", "distributions", name, "target", "api-tokens-" + name + ".jar");
    }

    /** The distribution {@code jira} or {@code confluence}, not started yet. */
    public static Distribution of(String name) {
        return new Distribution(name);
    }

    /** Writes {@code <data>/config/<pid>.cfg} before the start (FileInstall applies it before components start). */
    public Distribution config(String pid, Map<String, String> values) {
        configs.put(pid, values);
        return this;
    }

    /**
     * Starts with a copy of {@code other}'s users (its {@code users.json} and {@code admin-password.txt}, copied at
     * {@link #start()}), as the nodes of a cluster share one user directory: the same users and admin password.
     */
    public Distribution sameUsersAs(Distribution other) {
        usersSource = other;
        return this;
    }

    /** Starts the jar on a free port with a fresh data directory and waits until it serves the token REST API. */
    public Distribution start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no distribution jar at " + jar.toAbsolutePath()
                    + ": build it first (./mvnw install -DskipTests -pl distributions/" + name + " -am)");
        }
        Path work = Path.of(System.getProperty("apitokens.e2e.work", "target/e2e-work"));
        Files.createDirectories(work);
        dataDir = Files.createTempDirectory(work.toAbsolutePath(), name + "-");
        Files.createDirectories(dataDir.resolve("config"));
        for (Map.Entry<String, Map<String, String>> config : configs.entrySet()) {
            StringBuilder text = new StringBuilder();
            config.getValue().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            Files.writeString(dataDir.resolve("config").resolve(config.getKey() + ".cfg"), text);
        }
        if (usersSource != null) {
            for (String file : List.of("users.json", "admin-password.txt")) {
                Files.copy(usersSource.dataDir().resolve(file), dataDir.resolve(file),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        launch();
        return this;
    }

    /** Stops the process as an operator would and starts it again on the same data directory (a new port). */
    public Distribution restart() throws IOException, InterruptedException {
        close();
        launch();
        return this;
    }

    private void launch() throws IOException, InterruptedException {
        port = freePort();
        process = new ProcessBuilder(javaCommand("--port", String.valueOf(port), "--data", dataDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("console.log").toFile())).start();
        awaitReady();
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        Path passwordFile = dataDir.resolve("admin-password.txt");
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + consoleTail());
            }
            if (adminPassword == null && Files.isRegularFile(passwordFile)) {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
                adminPassword = text.isEmpty() ? null : text;
            }
            if (adminPassword != null) {
                try {
                    lastStatus = HTTP.send(HttpRequest.newBuilder(uri("/rest/api-tokens/latest/"))
                            .header("Authorization", basic("admin", adminPassword)).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (lastStatus == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(name + " did not serve GET /rest/api-tokens/latest/ within " + STARTUP
                + " (last status " + lastStatus + "):\n" + consoleTail());
    }

    /** Runs {@code java -jar <dist> --data <data> user add <name> [--admin] --password-stdin}; fails on an error. */
    public void addUser(String username, String password, boolean admin) throws IOException, InterruptedException {
        userTool(password, admin ? List.of("add", username, "--admin") : List.of("add", username));
    }

    /** {@link #addUser(String, String, boolean)} with {@code --group} for each group and {@code --email}. */
    public void addUser(String username, String password, String email, String... groups)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("add", username, "--email", email));
        for (String group : groups) {
            command.add("--group");
            command.add(group);
        }
        userTool(password, command);
    }

    /** Replaces {@code <data>/config/<pid>.cfg} while running; FileInstall applies it within about a second. */
    public void reconfigure(String pid, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path file = dataDir.resolve("config").resolve(pid + ".cfg");
        Path temporary = dataDir.resolve(pid + ".cfg.new"); // outside the watched directory: FileInstall sees one file

        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Runs {@code java -jar <dist> --data <data> user passwd <name> --password-stdin}; fails on an error. */
    public void changePassword(String username, String password) throws IOException, InterruptedException {
        userTool(password, List.of("passwd", username));
    }

    private void userTool(String password, List<String> command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("--data", dataDir.toString(), "user"));
        words.addAll(command);
        words.add("--password-stdin");
        Process tool = new ProcessBuilder(javaCommand(words.toArray(String[]::new))).redirectErrorStream(true).start();
        try (OutputStream in = tool.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            throw new IllegalStateException("user " + command + " failed: " + output);
        }
        Thread.sleep(1100); // the server re-reads the users file at most once a second
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The product log, {@code <data>/logs/api-tokens.log}. */
    public Path logFile() {
        return dataDir.resolve("logs").resolve("api-tokens.log");
    }

    public String log() throws IOException {
        return Files.readString(settledLogFile(), StandardCharsets.UTF_8);
    }

    /**
     * The log file once the server's log writer has caught up: it writes lines asynchronously, so a line about a
     * request may land a moment after the answer. Waits until the file has not grown for 100 ms (at most 3 s).
     */
    public Path settledLogFile() throws IOException {
        Path file = logFile();
        long deadline = System.nanoTime() + 3_000_000_000L;
        long size = Files.size(file);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = Files.size(file);
            if (now == size) {
                break;
            }
            size = now;
        }
        return file;
    }

    /** {@code Authorization} header value for HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Stops the process the way an operator would (SIGTERM: the framework stops and flushes), then kills it. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private String consoleTail() throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("console.log"), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
