package dev.apitokens.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Puts the distribution's default configuration ({@code config/*.cfg} in the jar) into {@code <data>/config/} on
 * the first start, where the operator sees and edits it; a file already there is never overwritten.
 */
final class DefaultConfiguration {

    private DefaultConfiguration() {
    }

    static void copyMissing(List<DistributionContents.Item> configs, Path configDir) throws IOException {
        Files.createDirectories(configDir);
        for (DistributionContents.Item config : configs) {
            Path target = configDir.resolve(config.name());
            if (Files.notExists(target)) {
                try (InputStream in = config.open()) {
                    Files.copy(in, target);
                }
            }
        }
    }
}
