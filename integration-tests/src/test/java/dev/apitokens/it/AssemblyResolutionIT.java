package dev.apitokens.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The bundle set each assembly ships is exactly what bnd's resolver computed from its roots (the committed
 * {@code -runbundles} of {@code distributions/<assembly>/<assembly>-license-unlimited.bndrun}, which the build keeps
 * equal to a fresh resolution): no listed bundle is superfluous, none is missing. A plain test: no framework needed.
 */
public class AssemblyResolutionIT {

    private static final Pattern RUN_BUNDLE = Pattern.compile("^\\s*([\\w.-]+);version=", Pattern.MULTILINE);

    @Test
    public void jiraShipsExactlyItsResolution() throws IOException {
        assertShipsItsResolution("jira");
    }

    @Test
    public void confluenceShipsExactlyItsResolution() throws IOException {
        assertShipsItsResolution("confluence");
    }

    private static void assertShipsItsResolution(String assembly) throws IOException {
        Path bndrun = Path.of("..", "distributions", assembly, assembly + "-license-unlimited.bndrun");
        String text = Files.readString(bndrun);
        Set<String> resolved = new TreeSet<>();
        Matcher matcher = RUN_BUNDLE.matcher(text.substring(text.indexOf("-runbundles:")));
        while (matcher.find()) {
            resolved.add(matcher.group(1));
        }
        assertFalse(bndrun + " has no -runbundles", resolved.isEmpty());
        Set<String> shipped = new TreeSet<>();
        Path bundles = Path.of(System.getProperty("it.distributions"), assembly, "bundles");
        try (Stream<Path> jars = Files.list(bundles)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    shipped.add(file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0]
                            .strip());
                }
            }
        }
        Set<String> superfluous = new TreeSet<>(shipped);
        superfluous.removeAll(resolved);
        Set<String> missing = new TreeSet<>(resolved);
        missing.removeAll(shipped);
        assertEquals(assembly + ": shipped but required by no root (superfluous) " + superfluous
                + ", resolved but not shipped " + missing, resolved, shipped);
    }
}
