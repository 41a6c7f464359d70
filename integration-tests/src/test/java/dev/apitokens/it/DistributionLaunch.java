package dev.apitokens.it;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import dev.apitokens.spi.PhcString;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;


/**
 * Runs in the test driver: turns a distribution's unpacked bundle archive ({@code bundles/*.jar},
 * {@code config/*.cfg}, see distributions/README.md) into Pax Exam options that start it the way its launcher
 * does: same bundles, same start order, same default configuration through FileInstall, same framework
 * properties, a fresh data directory and a free HTTP port.
 */
public final class DistributionLaunch {

    /**
     * Started before all others, in this order, as the launcher does (distributions/launcher StandaloneServer
     * START_FIRST): SPI Fly and the slf4j provider before anything logs, ConfigAdmin and FileInstall before any
     * component activates with defaults. Level 1 is below Pax Exam's own bundles (2), which log too.
     */
    static final List<String> START_FIRST = List.of("org.apache.aries.spifly.dynamic.bundle", "slf4j.simple",
            "org.apache.felix.log", "org.apache.felix.configadmin", "org.apache.felix.fileinstall");

    /** Framework property naming the data directory (database, users, config), as the launcher sets it. */
    static final String DATA_DIR = "apitokens.data.dir";

    private final String distribution;
    private final File home;
    private final Path data;
    private final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    private final Map<String, Path> sampleConfigs = new LinkedHashMap<>();

    private DistributionLaunch(String distribution) {
        this.distribution = distribution;
        this.home = new File(ApiTokensTestSupport.requiredProperty("it.distributions"), distribution);
        this.data = Path.of(ApiTokensTestSupport.requiredProperty("it.data"),
                distribution + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The shipped set of {@code distribution} ({@code jira} or {@code confluence}). */
    public static DistributionLaunch of(String distribution) {
        return new DistributionLaunch(distribution);
    }

    /** A configuration file {@code <pid>.cfg} added to the shipped ones (or replacing one of the same PID). */
    public DistributionLaunch config(String pid, String... keyValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        configs.put(pid, properties);
        return this;
    }

    /**
     * A sample from the repository's {@code config-samples/} installed as {@code <pid>.cfg}, as the samples' own
     * comments tell an operator to do.
     */
    public DistributionLaunch configSample(String pid, String sampleFileName) {
        Path sample = Path.of(ApiTokensTestSupport.requiredProperty("it.config-samples"), sampleFileName);
        if (!Files.isRegularFile(sample)) {
            throw new IllegalStateException("no config sample " + sample);
        }
        sampleConfigs.put(pid, sample);
        return this;
    }

    /** The Pax Exam options; {@code extra} are appended (e.g. more framework properties). */
    public Option[] options(Option... extra) {
        try {
            List<Option> options = new ArrayList<>();
            List<File> jars = bundleJars();
            List<String> names = new ArrayList<>();
            for (File jar : jars) {
                names.add(symbolicName(jar));
            }
            for (String first : START_FIRST) {
                int index = names.indexOf(first);
                if (index >= 0) {
                    options.add(CoreOptions.bundle(jars.get(index).toURI().toString()).startLevel(1));
                }
            }
            for (int i = 0; i < jars.size(); i++) {
                if (!START_FIRST.contains(names.get(i))) {
                    options.add(CoreOptions.bundle(jars.get(i).toURI().toString()));
                }
            }
            Path configDir = writeConfiguration();
            writeUsers();
            options.add(junitBundles());
            options.add(systemTimeout(ApiTokensTestSupport.SETTLE.toMillis()));
            options.add(frameworkProperty(ApiTokensTestSupport.HTTP_PORT).value(String.valueOf(freePort())));
            options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
            // the test driver's class path holds slf4j, JUnit, Pax Exam; Felix must not lend those classes to
            // bundles (its implicit boot delegation would, under ServiceLoader), which the launcher never does
            options.add(frameworkProperty("felix.bootdelegation.implicit").value("false"));
            options.add(frameworkProperty(DATA_DIR).value(data.toString()));
            options.add(frameworkProperty("felix.fileinstall.dir").value(configDir.toString()));
            options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
            options.add(frameworkProperty("felix.fileinstall.poll").value("1000"));
            options.add(frameworkProperty("felix.fileinstall.log.level").value("2"));
            options.addAll(Arrays.asList(extra));
            return options.toArray(new Option[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<File> bundleJars() {
        File dir = new File(home, "bundles");
        File[] jars = dir.listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundles in " + dir + ": the build unpacks dev.apitokens:"
                    + distribution + ":zip:bundles there before integration-test");
        }
        Arrays.sort(jars);
        return List.of(jars);
    }

    /** The shipped config/*.cfg, then this test's own, in the directory FileInstall watches. */
    private Path writeConfiguration() throws IOException {
        Path configDir = Files.createDirectories(data.resolve("config"));
        Path shipped = home.toPath().resolve("config");
        if (Files.isDirectory(shipped)) {
            try (Stream<Path> files = Files.list(shipped)) {
                for (Path cfg : files.filter(f -> f.toString().endsWith(".cfg")).toList()) {
                    Files.copy(cfg, configDir.resolve(cfg.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (Map.Entry<String, Path> sample : sampleConfigs.entrySet()) {
            Files.copy(sample.getValue(), configDir.resolve(sample.getKey() + ".cfg"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        for (Map.Entry<String, Map<String, String>> config : configs.entrySet()) {
            try (Writer out = Files.newBufferedWriter(configDir.resolve(config.getKey() + ".cfg"),
                    StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> property : config.getValue().entrySet()) {
                    out.write(property.getKey() + " = " + escape(property.getValue()) + "\n");
                }
            }
        }
        return configDir;
    }

    /**
     * The standalone host's users file with the test users (an admin and a plain user), so the tests know their
     * passwords. Hashed at the host's lowest accepted cost: password logins in tests need not be slow.
     */
    private void writeUsers() throws IOException {
        String users = "{\"users\": [" + userJson(ApiTokensTestSupport.ADMIN, true) + ", "
                + userJson(ApiTokensTestSupport.ALICE, false) + "]}";
        Files.writeString(data.resolve("users.json"), users, StandardCharsets.UTF_8);
    }

    private static String userJson(String name, boolean admin) {
        return "{\"name\": \"" + name + "\", \"key\": \"" + name + "\", \"displayName\": \"" + name
                + "\", \"admin\": " + admin + ", \"active\": true, \"password\": \""
                + passwordHash(ApiTokensTestSupport.passwordOf(name)) + "\"}";
    }

    private static String passwordHash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 1000;
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            return PhcString.of("pbkdf2-sha256", null, Map.of("i", String.valueOf(iterations)), salt, hash)
                    .toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java properties escaping, which FileInstall's .cfg reader follows. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String symbolicName(File jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            String name = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? "" : name.split(";")[0].trim();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }
}
