package dev.apitokens.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files a distribution ships beside the framework: {@code bundles/*.jar} (the bundle set) and
 * {@code config/*.cfg} (its default configuration), read either from the running jar or from an unpacked bundle
 * archive. Both layouts are the same, so the jar and the archive cannot start different sets.
 */
final class DistributionContents {

    static final String BUNDLES = "bundles/";
    static final String CONFIG = "config/";

    /** One shipped file. */
    interface Item {
        /** The file name without directory, e.g. {@code org.apache.felix.scr-2.2.18.jar}. */
        String name();

        InputStream open() throws IOException;
    }

    private final String origin;
    private final List<Item> bundles;
    private final List<Item> configs;

    private DistributionContents(String origin, List<Item> bundles, List<Item> configs) {
        this.origin = origin;
        this.bundles = bundles;
        this.configs = configs;
    }

    /** The contents of {@code directory} if given, else those packed in the jar this class was loaded from. */
    static DistributionContents locate(Path directory) throws IOException {
        if (directory != null) {
            return fromDirectory(directory);
        }
        Path self;
        try {
            self = Path.of(DistributionContents.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the launcher jar", e);
        }
        return Files.isDirectory(self) ? fromDirectory(self) : fromJar(self);
    }

    static DistributionContents fromDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory.resolve(BUNDLES))) {
            throw new IOException("no " + BUNDLES + " directory in " + directory);
        }
        return new DistributionContents(directory.toString(), list(directory.resolve(BUNDLES), ".jar"),
                list(directory.resolve(CONFIG), ".cfg"));
    }

    static DistributionContents fromJar(Path jar) throws IOException {
        List<Item> bundles = new ArrayList<>();
        List<Item> configs = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> {
                String name = entry.getName();
                if (isDirectChild(name, BUNDLES, ".jar")) {
                    bundles.add(jarItem(jar, name));
                } else if (isDirectChild(name, CONFIG, ".cfg")) {
                    configs.add(jarItem(jar, name));
                }
            });
        }
        bundles.sort(Comparator.comparing(Item::name));
        configs.sort(Comparator.comparing(Item::name));
        return new DistributionContents(jar.toString(), List.copyOf(bundles), List.copyOf(configs));
    }

    String origin() {
        return origin;
    }

    List<Item> bundles() {
        return bundles;
    }

    List<Item> configs() {
        return configs;
    }

    private static boolean isDirectChild(String name, String directory, String suffix) {
        return name.startsWith(directory) && name.endsWith(suffix) && name.indexOf('/', directory.length()) < 0;
    }

    private static Item jarItem(Path jar, String entryName) {
        String name = entryName.substring(entryName.lastIndexOf('/') + 1);
        return new Item() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() throws IOException {
                JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(file.getJarEntry(entryName));
                // closing the stream must close the jar too
                return new java.io.FilterInputStream(in) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            file.close();
                        }
                    }
                };
            }
        };
    }

    private static List<Item> list(Path directory, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix) && Files.isRegularFile(file))
                    .sorted().map(DistributionContents::fileItem).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Item fileItem(Path file) {
        return new Item() {
            @Override
            public String name() {
                return file.getFileName().toString();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }
}
