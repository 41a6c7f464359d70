package dev.apitokens.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Felix with the distribution's bundles and runs until the framework stops (Ctrl-C, SIGTERM, or a bundle
 * stopping the system bundle).
 */
final class StandaloneServer {

    /**
     * Bundles started before all others, in this order: SPI Fly must weave slf4j's ServiceLoader calls, and the
     * slf4j provider must be active, before any bundle logs (slf4j binds its provider once, on first use);
     * ConfigAdmin and FileInstall must have applied {@code <data>/config/*.cfg} (FileInstall scans synchronously at
     * start with {@code noInitialDelay}) before any component activates with defaults.
     */
    static final List<String> START_FIRST = List.of("org.apache.aries.spifly.dynamic.bundle", "slf4j.simple",
            "org.apache.felix.log", "org.apache.felix.configadmin", "org.apache.felix.fileinstall");

    static final String LOG_FILE = "logs/api-tokens.log";

    private final LaunchOptions options;
    private final DistributionContents contents;

    StandaloneServer(LaunchOptions options, DistributionContents contents) {
        this.options = options;
        this.contents = contents;
    }

    void run() throws Exception {
        Path data = options.dataDir();
        requireFreePort(options.port());
        Files.createDirectories(data.resolve("config"));
        boolean stampLines = LoggingDefaults.apply();
        LogTee logs = LogTee.install(data.resolve(LOG_FILE), stampLines);
        DefaultConfiguration.copyMissing(contents.configs(), data.resolve("config"));

        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next()
                .newFramework(frameworkProperties(options));
        framework.init();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework, logs), "apitokens-shutdown"));
        List<Bundle> bundles = install(framework);
        framework.start();
        List<String> failed = start(order(bundles));
        log("api-tokens is serving on http://localhost:" + options.port() + "/ (data directory " + data + ", "
                + bundles.size() + " bundles" + (failed.isEmpty() ? "" : ", NOT STARTED: " + failed) + ")");
        framework.waitForStop(0);
    }

    /** Jetty would only log a failed bind and serve nothing: refuse to start instead, saying why. */
    static void requireFreePort(int port) throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (BindException e) {
            throw new IOException("port " + port + " is in use: stop what listens there, or choose another port with"
                    + " --port N", e);
        }
    }

    static Map<String, String> frameworkProperties(LaunchOptions options) {
        Path data = options.dataDir();
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, data.resolve("felix-cache").toString());
        // the jar is the source of truth: never start bundles a previous run left in the cache
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(LaunchOptions.DATA_PROPERTY, data.toString());
        properties.put("org.osgi.service.http.port", String.valueOf(options.port()));
        properties.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        // Jetty's idle timeout is also how long a blocking read of a request body waits: 10 s, not Jetty's 60 s,
        // so that clients that send headers and hold back the body give up their connections soon
        properties.put("org.apache.felix.http.timeout", "10000");
        properties.put("felix.fileinstall.dir", data.resolve("config").toString());
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.poll", "1000");
        // the files are the operator's: never rewrite them (FileInstall's write-back raced and left one empty)
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "2");
        properties.put("felix.log.level", "1");
        // -D options of the same names win, so an operator can change any of these without a rebuild
        properties.replaceAll((key, value) -> System.getProperty(key, value));
        return properties;
    }

    private List<Bundle> install(Framework framework) throws IOException, BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (DistributionContents.Item item : contents.bundles()) {
            try (InputStream in = item.open()) {
                bundles.add(framework.getBundleContext().installBundle("apitokens:bundles/" + item.name(), in));
            }
        }
        if (bundles.isEmpty()) {
            throw new IOException("no bundles in " + contents.origin());
        }
        return bundles;
    }

    static List<Bundle> order(List<Bundle> bundles) {
        List<Bundle> ordered = new ArrayList<>();
        for (String first : START_FIRST) {
            bundles.stream().filter(b -> first.equals(b.getSymbolicName())).forEach(ordered::add);
        }
        bundles.stream().filter(b -> !ordered.contains(b)).forEach(ordered::add);
        return ordered;
    }

    private static List<String> start(List<Bundle> bundles) {
        List<String> failed = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue; // fragments are attached to their host, never started
            }
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                failed.add(bundle.getSymbolicName());
                log("ERROR bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " did not start: "
                        + e.getMessage());
            }
        }
        return failed;
    }

    private static void stop(Framework framework, LogTee logs) {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException | InterruptedException e) {
            log("ERROR stopping the framework: " + e);
        } finally {
            logs.close(); // the queued lines, the framework's last ones included
        }
    }

    private static void log(String message) {
        System.err.println("[launcher] " + message);
    }
}
