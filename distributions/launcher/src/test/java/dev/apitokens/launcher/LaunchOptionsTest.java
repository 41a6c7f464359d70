package dev.apitokens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void defaultsToPort8080AndDataInTheWorkingDirectory() {
        LaunchOptions options = LaunchOptions.parse(new String[0], new Properties());
        assertEquals(8080, options.port());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), options.dataDir());
        assertNull(options.bundlesDir());
        assertTrue(options.command().isEmpty());
    }

    @Test
    void theCommandLineWinsOverSystemProperties() {
        Properties system = new Properties();
        system.setProperty("apitokens.port", "9000");
        system.setProperty("apitokens.data.dir", "/srv/a");
        assertEquals(9000, LaunchOptions.parse(new String[0], system).port());
        assertEquals(Path.of("/srv/a"), LaunchOptions.parse(new String[0], system).dataDir());
        LaunchOptions options = LaunchOptions.parse(new String[] { "--port", "9100", "--data", "/srv/b" }, system);
        assertEquals(9100, options.port());
        assertEquals(Path.of("/srv/b"), options.dataDir());
    }

    @Test
    void everythingAfterTheUserCommandBelongsToIt() {
        LaunchOptions options = LaunchOptions.parse(
                new String[] { "--data", "/d", "user", "add", "bob", "--admin", "--port" }, new Properties());
        assertEquals(List.of("user", "add", "bob", "--admin", "--port"), options.command());
        assertEquals(Path.of("/d"), options.dataDir());
    }

    @Test
    void badInputIsAClearError() {
        assertEquals("not a port number (0-65535): 70000", assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] { "--port", "70000" }, new Properties())).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] { "--port", "http" }, new Properties()));
        assertEquals("--data needs a value", assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] { "--data" }, new Properties())).getMessage());
        assertEquals("unknown option: --verbose", assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] { "--verbose" }, new Properties())).getMessage());
        assertEquals("unknown command: serve", assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] { "serve" }, new Properties())).getMessage());
        assertTrue(LaunchOptions.parse(new String[] { "--help" }, new Properties()).help());
    }
}
