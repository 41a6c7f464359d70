package dev.apitokens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionContentsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSameLayoutFromAJarAndFromAnUnpackedArchive() throws IOException {
        Path jar = dir.resolve("dist.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "dev/apitokens/launcher/Main.class", "x");
            entry(out, "bundles/b.jar", "bundle b");
            entry(out, "bundles/a.jar", "bundle a");
            entry(out, "bundles/nested/c.jar", "not shipped");
            entry(out, "config/dev.apitokens.core.cfg", "usageFlushIntervalSeconds=5");
            entry(out, "config/README.txt", "not a configuration");
        }
        Path unpacked = dir.resolve("unpacked");
        Files.createDirectories(unpacked.resolve("bundles"));
        Files.createDirectories(unpacked.resolve("config"));
        Files.writeString(unpacked.resolve("bundles/b.jar"), "bundle b");
        Files.writeString(unpacked.resolve("bundles/a.jar"), "bundle a");
        Files.writeString(unpacked.resolve("config/dev.apitokens.core.cfg"), "usageFlushIntervalSeconds=5");

        for (DistributionContents contents : List.of(DistributionContents.fromJar(jar),
                DistributionContents.fromDirectory(unpacked))) {
            assertEquals(List.of("a.jar", "b.jar"), contents.bundles().stream().map(DistributionContents.Item::name)
                    .toList());
            assertEquals("bundle a", read(contents.bundles().get(0)));
            assertEquals(List.of("dev.apitokens.core.cfg"), contents.configs().stream()
                    .map(DistributionContents.Item::name).toList());
        }
    }

    @Test
    void aDirectoryWithoutBundlesIsRefused() {
        assertThrows(IOException.class, () -> DistributionContents.fromDirectory(dir));
    }

    @Test
    void defaultConfigurationIsCopiedOnceAndNeverOverwritesTheOperators() throws IOException {
        Files.createDirectories(dir.resolve("bundles"));
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/a.cfg"), "default=a");
        Files.writeString(dir.resolve("config/b.cfg"), "default=b");
        Path target = dir.resolve("data/config");
        Files.createDirectories(target);
        Files.writeString(target.resolve("b.cfg"), "operator=b");
        DefaultConfiguration.copyMissing(DistributionContents.fromDirectory(dir).configs(), target);
        assertEquals("default=a", Files.readString(target.resolve("a.cfg")));
        assertEquals("operator=b", Files.readString(target.resolve("b.cfg")));
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static String read(DistributionContents.Item item) throws IOException {
        try (InputStream in = item.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
