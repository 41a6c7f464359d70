package dev.apitokens.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * Runs {@code user ...} without starting the framework: the user tool lives in the host bundle (it owns the users
 * file format and the password hashing), which names it in its manifest header {@value #HEADER}. The shipped jars
 * are put on a plain class path for the tool, which needs nothing of OSGi.
 */
final class UserCommand {

    static final String HEADER = "ApiTokens-User-Tool";

    private UserCommand() {
    }

    static int run(DistributionContents contents, Path dataDir, List<String> words) throws Exception {
        Path scratch = Files.createTempDirectory("apitokens-user-command");
        try {
            List<URL> classPath = new ArrayList<>();
            String mainClass = null;
            for (DistributionContents.Item bundle : contents.bundles()) {
                Path jar = scratch.resolve(bundle.name());
                try (InputStream in = bundle.open()) {
                    Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                }
                classPath.add(jar.toUri().toURL());
                String declared = toolOf(jar);
                if (declared != null) {
                    mainClass = declared;
                }
            }
            if (mainClass == null) {
                System.err.println("This distribution has no user tool (no bundle declares " + HEADER + ").");
                return 2;
            }
            List<String> args = new ArrayList<>(List.of("--data", dataDir.toString()));
            args.addAll(words.subList(1, words.size()));
            try (URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader())) {
                Method main = loader.loadClass(mainClass).getMethod("run", String[].class);
                Thread.currentThread().setContextClassLoader(loader);
                return (Integer) main.invoke(null, (Object) args.toArray(String[]::new));
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private static String toolOf(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = in.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(HEADER);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
