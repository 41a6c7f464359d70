package dev.apitokens.host.data;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/**
 * The standalone host's data directory: where the users file, the admin password and the embedded database live.
 * The users bundle and the database bundle each embed a private copy (bnd {@code -conditionalpackage}).
 */
public final class DataDirectory {

    /** Framework property naming the data directory; the launcher sets it from {@code --data}. */
    public static final String PROPERTY = "apitokens.data.dir";

    private DataDirectory() {
    }

    public static Path of(BundleContext context) {
        String value = context.getProperty(PROPERTY);
        return Path.of(value == null || value.isBlank() ? "data" : value).toAbsolutePath().normalize();
    }

    /** {@code path} itself when absolute, else resolved against the data directory; empty gives {@code fallback}. */
    public static Path resolve(Path dataDir, String path, String fallback) {
        return dataDir.resolve(path == null || path.isBlank() ? fallback : path).normalize();
    }
}
