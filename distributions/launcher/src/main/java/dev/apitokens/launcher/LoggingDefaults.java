package dev.apitokens.launcher;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Defaults for the two loggers in the framework: slf4j-simple (the slf4j provider the distributions ship, read
 * from system properties; each is only set when absent, so {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=debug}
 * still works) and java.util.logging, which SPI Fly uses to report every provider it registers.
 */
final class LoggingDefaults {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private static final Map<String, String> SLF4J_SIMPLE = Map.of(
            "defaultLogLevel", "info",
            "showDateTime", "true",
            "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
            "showThreadName", "false",
            "levelInBrackets", "true",
            // Jetty and the whiteboard are chatty at info; their warnings still show
            "log.org.eclipse.jetty", "warn",
            "log.org.apache.felix.http", "warn");

    /** Held so the level set on it is not lost when java.util.logging drops unreferenced loggers. */
    private static final Logger SPIFLY = Logger.getLogger("org.apache.aries.spifly");

    private LoggingDefaults() {
    }

    static void apply() {
        SLF4J_SIMPLE.forEach((key, value) -> {
            if (System.getProperty(PREFIX + key) == null) {
                System.setProperty(PREFIX + key, value);
            }
        });
        if (SPIFLY.getLevel() == null) {
            SPIFLY.setLevel(Level.WARNING);
        }
    }
}
