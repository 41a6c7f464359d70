package dev.apitokens.host.standalone.users.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.hasher.tck.ComponentConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
    void addsGroupsAndAnEmailAddressThatTheDirectoryReports() throws IOException {
        assertEquals(0, tool("s3cret-pass\n").execute(List.of("add", "dana", "--email", "dana@example.com",
                "--group", "Developers", "--group", "service-accounts")));
        UserRecord dana = users().get(0);
        assertEquals(List.of("Developers", "service-accounts"), dana.groups());
        UserDirectory directory = new UserDirectory(data,
                ComponentConfig.of(HostConfig.class, Map.of("passwordIterations", 1_000)));
        assertTrue(directory.isMemberOf("dana", "developers"), "groups compare ignoring case, as Jira's do");
        assertTrue(directory.isMemberOf("dana", "SERVICE-ACCOUNTS"));
        assertFalse(directory.isMemberOf("dana", "admins"));
        assertFalse(directory.isMemberOf("nobody", "developers"));
        assertEquals("dana@example.com", directory.findByName("dana").orElseThrow().email());
        assertEquals(0, tool("").execute(List.of("list")));
        assertTrue(printed.toString(StandardCharsets.UTF_8)
                .contains("dana\tkey=dana\tadmin=false\tactive=true\tdana\temail=dana@example.com"
                        + "\tgroups=Developers,service-accounts"));
        assertThrows(IllegalArgumentException.class,
                () -> tool("s3cret-pass\n").execute(List.of("add", "eve", "--group")));
        assertThrows(IllegalArgumentException.class,
                () -> tool("s3cret-pass\n").execute(List.of("add", "eve", "--email", "not-an-address")));
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

    /**
     * Two {@code user} commands at once (an admin adding users from two shells, or a script): both read the file,
     * both wait for their password, then both write. Neither may lose the other's change.
     */
    @Test
    void twoCommandsAtOnceKeepBothChanges() throws Exception {
        tool("carol-password-1\n").execute(List.of("add", "carol"));
        CyclicBarrier bothPrompted = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> add = threads.submit(() -> tool(afterBoth(bothPrompted, "dave-password\n"))
                    .execute(List.of("add", "dave")));
            Future<Integer> passwd = threads.submit(() -> tool(afterBoth(bothPrompted, "carol-password-2\n"))
                    .execute(List.of("passwd", "carol")));
            assertEquals(0, add.get(30, TimeUnit.SECONDS));
            assertEquals(0, passwd.get(30, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        List<UserRecord> users = users();
        assertEquals(List.of("carol", "dave"), users.stream().map(UserRecord::name).sorted().toList());
        UserRecord carol = users.stream().filter(user -> user.isNamed("carol")).findFirst().orElseThrow();
        assertTrue(new PasswordKdf(1_000).verify("carol-password-2".toCharArray(), carol.password()));
        try (var leftovers = Files.list(data)) {
            assertEquals(List.of(), leftovers.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    /** Standard input that answers only once both commands are waiting for their password. */
    private static Reader afterBoth(CyclicBarrier barrier, String line) {
        StringReader text = new StringReader(line);
        return new Reader() {
            private boolean waited;

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                if (!waited) {
                    waited = true;
                    try {
                        barrier.await(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // the other command is not waiting (it is serialised behind this one): answer anyway
                    }
                }
                return text.read(buffer, offset, length);
            }

            @Override
            public void close() {
                text.close();
            }
        };
    }

    private UserTool tool(Reader stdin) {
        return new UserTool(data, stdin, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private UserTool tool(String stdin) {
        return new UserTool(data, new StringReader(stdin), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private List<UserRecord> users() throws IOException {
        return new UsersFile(data.resolve("users.json")).read();
    }
}
