package dev.apitokens.host.standalone.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserToolTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void addsAUserWhoThenLogsInAndIsListed() throws IOException {
        assertEquals(0, tool("s3cret-pass\n").execute(List.of("add", "bob", "--admin", "--display-name", "Bob B")));
        UserRecord bob = users().get(0);
        assertEquals("bob", bob.key());
        assertTrue(bob.admin());
        assertEquals("Bob B", bob.displayName());
        assertTrue(new PasswordKdf(1_000).verify("s3cret-pass".toCharArray(), bob.password()));
        assertEquals(0, tool("").execute(List.of("list")));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("bob\tkey=bob\tadmin=true\tactive=true\tBob B"));
    }

    @Test
    void changesAPasswordAndKeepsTheUserKey() throws IOException {
        tool("first-password\n").execute(List.of("add", "Carol"));
        assertEquals(0, tool("second-password\n").execute(List.of("passwd", "carol")));
        UserRecord carol = users().get(0);
        assertEquals("carol", carol.key());
        assertTrue(new PasswordKdf(1_000).verify("second-password".toCharArray(), carol.password()));
        assertFalse(new PasswordKdf(1_000).verify("first-password".toCharArray(), carol.password()));
    }

    @Test
    void refusesDuplicatesShortPasswordsUnknownUsersAndBadNames() throws IOException {
        tool("long-enough\n").execute(List.of("add", "bob"));
        assertThrows(IllegalArgumentException.class, () -> tool("long-enough\n").execute(List.of("add", "BOB")));
        assertThrows(IllegalArgumentException.class, () -> tool("short\n").execute(List.of("add", "eve")));
        assertThrows(IllegalArgumentException.class, () -> tool("long-enough\n").execute(List.of("passwd", "zed")));
        assertThrows(IllegalArgumentException.class, () -> tool("long-enough\n").execute(List.of("add", "a b")));
        assertThrows(IllegalArgumentException.class, () -> tool("").execute(List.of("remove", "bob")));
        assertEquals(1, users().size());
    }

    @Test
    void honoursTheUsersFileAndIterationsOfTheHostConfiguration() throws IOException {
        Files.createDirectories(data.resolve("config"));
        Files.writeString(data.resolve("config/" + HostConfig.PID + ".cfg"),
                "usersFile=people.json\npasswordIterations=1500\n");
        tool("long-enough\n").execute(List.of("add", "bob"));
        UserRecord bob = new UsersFile(data.resolve("people.json")).read().get(0);
        assertTrue(bob.password().contains("i=1500"), "iterations from the configuration");
    }

    @Test
    void runReportsErrorsAsExitCodesNotStackTraces() {
        assertEquals(2, UserTool.run(new String[] { "--data", data.toString(), "frobnicate" }));
        assertEquals(2, UserTool.run(new String[] { "--data", data.toString() }));
    }

    private UserTool tool(String stdin) {
        return new UserTool(data, new StringReader(stdin), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private List<UserRecord> users() throws IOException {
        return new UsersFile(data.resolve("users.json")).read();
    }
}
