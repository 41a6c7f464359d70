package dev.apitokens.host.standalone.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** The host's data directory: where the users file, the embedded database and the admin password live. */
final class DataDirectory {

    /** Framework property naming the data directory; the launcher sets it from {@code --data}. */
    static final String PROPERTY = "apitokens.data.dir";

    private DataDirectory() {
    }

    static Path of(BundleContext context) {
        String value = context.getProperty(PROPERTY);
        return Path.of(value == null || value.isBlank() ? "data" : value).toAbsolutePath().normalize();
    }

    /** {@code path} itself when absolute, else resolved against the data directory; empty gives {@code fallback}. */
    static Path resolve(Path dataDir, String path, String fallback) {
        return dataDir.resolve(path == null || path.isBlank() ? fallback : path).normalize();
    }
}
