package dev.apitokens.e2e.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Screenshots of the pages: always under {@code target/screenshots/}; also into the repository's {@code docs/}
 * (shown by the README) when run with {@code -Dapitokens.screenshots.docs=true}, so that an ordinary test run
 * leaves the committed images alone.
 */
final class Screenshots {

    static final String DOCS_PROPERTY = "apitokens.screenshots.docs";

    private Screenshots() {
    }

    static void save(HeadlessChromium browser, String name) throws IOException {
        Path file = Path.of("target", "screenshots", name).toAbsolutePath();
        browser.screenshot(file);
        if (Boolean.getBoolean(DOCS_PROPERTY)) {
            Path docs = repositoryRoot().resolve("docs");
            Files.createDirectories(docs);
            Files.copy(file, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The checkout's root: the nearest folder up from the module that holds DEVELOPERS.md. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("DEVELOPERS.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no DEVELOPERS.md above " + Path.of("").toAbsolutePath());
    }
}
