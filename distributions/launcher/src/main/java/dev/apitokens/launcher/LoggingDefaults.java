package dev.apitokens.launcher;

import java.util.List;
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
            "showThreadName", "false",
            "levelInBrackets", "true",
            // Jetty and the whiteboard are chatty at info; their warnings still show
            "log.org.eclipse.jetty", "warn",
            "log.org.apache.felix.http", "warn");

    /**
     * Options that change how a line starts. While none is set, slf4j-simple writes no date and the log writer
     * thread puts {@link LineTimestamp}'s in front of each line that starts with a bracketed level: the same text,
     * but formatted off the request thread (slf4j-simple formats under one lock shared by all threads).
     */
    private static final List<String> LINE_START = List.of("showDateTime", "dateTimeFormat", "levelInBrackets",
            "showThreadName", "showThreadId", "showShortLogName", "showLogName");

    /** Held so the level set on it is not lost when java.util.logging drops unreferenced loggers. */
    private static final Logger SPIFLY = Logger.getLogger("org.apache.aries.spifly");

    private LoggingDefaults() {
    }

    /**
     * Sets the defaults.
     *
     * @return whether the log writer must write the timestamps (no line-start option was given)
     */
    static boolean apply() {
        boolean writerStamps = LINE_START.stream().allMatch(key -> System.getProperty(PREFIX + key) == null);
        if (writerStamps) {
            System.setProperty(PREFIX + "showDateTime", "false");
        } else {
            setIfAbsent("showDateTime", "true");
            setIfAbsent("dateTimeFormat", LineTimestamp.PATTERN);
        }
        SLF4J_SIMPLE.forEach(LoggingDefaults::setIfAbsent);
        if (SPIFLY.getLevel() == null) {
            SPIFLY.setLevel(Level.WARNING);
        }
        return writerStamps;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
