package dev.apitokens.benchmarks.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The distribution jar run as a child process on a free loopback port with its own temporary data directory, the way
 * an operator runs it ({@code java -jar ... --port --data}). {@link #close()} stops it (SIGTERM, so the write-behind
 * usage counts are flushed) and deletes the data directory; a JVM shutdown hook does the same on Ctrl-C.
 */
final class DistributionServer implements AutoCloseable {

    private final Path root;
    private final Path jar;
    private final Path data;
    private final int port;
    private final Thread shutdownHook;
    private Process process;

    private DistributionServer(Path root, Path jar, Path data, int port) {
        this.root = root;
        this.jar = jar;
        this.data = data;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "load-run-stop-server");
    }

    /**
     * Prepares a temporary directory with a copy of the jar (a rebuild of the original during the run must not pull
     * classes from under the running server), a fresh data directory and a free port; nothing runs yet.
     */
    static DistributionServer prepare(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no distribution jar at " + jar.toAbsolutePath()
                    + " (build it: ./mvnw -o -q install -pl distributions/jira -am)");
        }
        Path root = Files.createTempDirectory("api-tokens-load-");
        Path copy = Files.copy(jar, root.resolve(jar.getFileName()));
        return new DistributionServer(root, copy, Files.createDirectory(root.resolve("data")), freeLoopbackPort());
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The bundle file names packed in the jar, e.g. {@code bundles/dev.apitokens.hasher-pbkdf2-1.0.0-SNAPSHOT.jar}. */
    List<String> bundles() throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(e -> e.getName()).filter(n -> n.startsWith("bundles/") && n.endsWith(".jar"))
                    .toList();
        }
    }

    boolean ships(String artifactId) throws IOException {
        return bundles().stream().anyMatch(n -> n.startsWith("bundles/dev.apitokens." + artifactId + "-"));
    }

    int port() {
        return port;
    }

    Path data() {
        return data;
    }

    /** {@code user add NAME --admin --password-stdin}, a separate run of the jar, as an operator does it. */
    void addAdmin(String name, String password) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(command("--data", data.toString(), "user", "add", name, "--admin",
                "--password-stdin"))
                .redirectErrorStream(true).redirectOutput(data.resolve("user-add.out").toFile()).start();
        try (OutputStream in = tool.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new IOException("user add " + name + " failed: " + Files.readString(data.resolve("user-add.out")));
        }
    }

    /** Starts the server; its console goes to {@code <data>/console.out} (it logs every token authentication). */
    void start() throws IOException {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        process = new ProcessBuilder(command("--port", Integer.toString(port), "--data", data.toString()))
                .redirectErrorStream(true).redirectOutput(data.resolve("console.out").toFile()).start();
    }

    /** Waits until {@code path} answers 200 to {@code authorization} (start-up done), at most 90 s. */
    /** Waits until the sample endpoint {@code path} and the token REST API both answer 200 (they register apart). */
    void awaitAnswer(RestCalls rest, String path, String authorization) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException("the server stopped during start-up:\n" + consoleTail());
            }
            try {
                if (rest.status(path, authorization) == 200
                        && rest.status(RestCalls.TOKENS, authorization) == 200) {
                    System.out.printf("server up on 127.0.0.1:%d after %.1f s (data %s)%n", port,
                            (System.nanoTime() - started) / 1e9, data);
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not answer " + path + " with 200 within 90 s");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("console.out"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e + ")";
        }
    }

    /** Writes {@code <data>/config/<pid>.cfg}; FileInstall applies it within about a second. */
    void configure(String pid, String content) throws IOException {
        Path config = data.resolve("config");
        Files.createDirectories(config);
        Path temp = Files.writeString(config.resolve(pid + ".cfg.tmp"), content);
        // Moved into place whole, so FileInstall never reads a half-written file (it ignores *.tmp).
        Files.move(temp, config.resolve(pid + ".cfg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** VmRSS line of the server's /proc status, e.g. {@code 312456 kB}. */
    String residentSetSize() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return line.substring("VmRSS:".length()).strip();
            }
        }
        return "unknown";
    }

    /** Lines of {@code <data>/logs/api-tokens.log} that contain {@code text}. */
    long logLinesContaining(String text) throws IOException {
        try (Stream<String> lines = Files.lines(data.resolve("logs").resolve("api-tokens.log"))) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** The server process's CPU time so far (user and system, all threads). */
    Duration cpuTime() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the platform does not report a process's CPU time"));
    }

    long pid() {
        return process.pid();
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Jetty binds loopback only: the load run never opens a port to the network.
        command.add("-Dorg.apache.felix.http.host=127.0.0.1");
        // e.g. -DserverJvmArgs="-XX:StartFlightRecording=filename=/tmp/server.jfr" to profile the server
        String extra = System.getProperty("serverJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNeverAdded) {
            // nothing to undo
        }
        deleteData();
    }

    private synchronized void stopQuietly() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void deleteData() {
        if (Boolean.getBoolean("keepData")) {
            System.out.println("data directory kept: " + data);
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
