package dev.apitokens.plugintests;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One built plugin jar (copied to {@code plugins.dir} by the pom) and what it must contain for its product.
 *
 * @param artifactId the module that builds it
 * @param tablePrefix the Active Objects table prefix of the original app in that product
 * @param storeClass the store component, whose table name must carry {@code tablePrefix}
 * @param contextPath the context path of the simulated host in the Pax Exam tests
 */
record PluginJar(String artifactId, String tablePrefix, String storeClass, String contextPath) {

    static final PluginJar JIRA = new PluginJar("jira-plugin", "5D4005",
            "dev.apitokens.store.jira.internal.JiraTokenStore", "/jira");
    static final PluginJar CONFLUENCE = new PluginJar("confluence-plugin", "2DF51C",
            "dev.apitokens.store.confluence.internal.ConfluenceTokenStore", "/confluence");

    static List<PluginJar> both() {
        return List.of(JIRA, CONFLUENCE);
    }

    File file() {
        String dir = System.getProperty("plugins.dir");
        if (dir == null) {
            throw new IllegalStateException("system property plugins.dir is not set (see the pom)");
        }
        File jar = new File(dir, artifactId + ".jar");
        if (!jar.isFile()) {
            throw new IllegalStateException("no plugin jar at " + jar);
        }
        return jar;
    }

    JarFile open() {
        try {
            return new JarFile(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifest manifest(JarFile jar) {
        try {
            return jar.getManifest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] entry(JarFile jar, String name) {
        var entry = jar.getJarEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return artifactId;
    }
}
