package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.host.data.DataDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.host.spi.HostUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class UserDirectoryTest {

    @TempDir
    Path data;

    private final HostConfig config = ComponentConfig.of(HostConfig.class, Map.of("passwordIterations", 1_000));

    @Test
    void firstStartCreatesAnAdminWithARandomPasswordInAnOwnerOnlyFile() throws IOException {
        UserDirectory users = new UserDirectory(data, config);
        Path passwordFile = data.resolve("admin-password.txt");
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        assertEquals(24, password.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("users.json"))));
        HostUser admin = users.authenticate("admin", password.toCharArray()).orElseThrow();
        assertTrue(admin.admin());
        assertEquals("admin", admin.key());
        assertFalse(Files.readString(data.resolve("users.json")).contains(password), "the users file holds a hash");
    }

    @Test
    void aSecondStartKeepsTheUsersAndTheirPasswords() throws IOException {
        new UserDirectory(data, config);
        String password = Files.readString(data.resolve("admin-password.txt")).strip();
        UserDirectory again = new UserDirectory(data, config);
        assertTrue(again.authenticate("admin", password.toCharArray()).isPresent());
    }

    @Test
    void findsUsersByNameIgnoringCaseAndByExactKey() throws IOException {
        write(UserRecord.create("Bob", "Bob B", false, hash("bob-secret")));
        UserDirectory users = new UserDirectory(data, config);
        assertEquals("bob", users.findByName("BOB").orElseThrow().key());
        assertEquals("Bob B", users.findByKey("bob").orElseThrow().displayName());
        assertTrue(users.findByKey("BOB").isEmpty());
        assertTrue(users.findByName(null).isEmpty());
        assertEquals(1, users.activeUserCount());
    }

    @Test
    void refusesWrongPasswordsUnknownUsersAndInactiveUsers() throws IOException {
        UserRecord carol = UserRecord.create("carol", null, false, hash("carol-secret"));
        write(UserRecord.create("bob", null, false, hash("bob-secret")),
                new UserRecord(carol.name(), carol.key(), carol.displayName(), false, false, carol.password(), null, null));
        UserDirectory users = new UserDirectory(data, config);
        assertTrue(users.authenticate("bob", "bob-secret".toCharArray()).isPresent());
        assertTrue(users.authenticate("bob", "bob-secreT".toCharArray()).isEmpty());
        assertTrue(users.authenticate("nobody", "bob-secret".toCharArray()).isEmpty());
        assertTrue(users.authenticate("carol", "carol-secret".toCharArray()).isEmpty(), "inactive");
        assertFalse(users.findByName("carol").orElseThrow().active());
        assertEquals(1, users.activeUserCount());
    }

    @Test
    void picksUpEditsOfTheUsersFileWhileRunning() throws Exception {
        write(UserRecord.create("bob", null, false, hash("bob-secret")));
        UserDirectory users = new UserDirectory(data, config);
        assertTrue(users.findByName("dave").isEmpty());
        List<UserRecord> more = new ArrayList<>(new UsersFile(data.resolve("users.json")).read());
        more.add(UserRecord.create("dave", null, true, hash("dave-secret")));
        write(more.toArray(UserRecord[]::new));
        Files.setLastModifiedTime(data.resolve("users.json"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Thread.sleep(1100); // the file is checked at most once a second
        assertTrue(users.findByName("dave").orElseThrow().admin());
    }

    @Test
    void keepsTheLastGoodUsersWhenTheFileBreaks() throws Exception {
        write(UserRecord.create("bob", null, false, hash("bob-secret")));
        UserDirectory users = new UserDirectory(data, config);
        Files.writeString(data.resolve("users.json"), "{ broken");
        Files.setLastModifiedTime(data.resolve("users.json"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Thread.sleep(1100);
        assertTrue(users.findByName("bob").isPresent());
    }

    @Test
    void aBrokenUsersFileStopsTheStartWithAClearMessage() throws IOException {
        Files.writeString(data.resolve("users.json"), "{\"users\":[{\"name\":\"a\",\"key\":\"a\"},{\"name\":\"A\",\"key\":\"b\"}]}");
        IOException e = assertThrows(IOException.class, () -> new UserDirectory(data, config));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void aConfiguredRelativeUsersFileLivesInTheDataDirectory() throws IOException {
        new UserDirectory(data, ComponentConfig.of(HostConfig.class,
                Map.of("passwordIterations", 1_000, "usersFile", "etc/people.json")));
        assertTrue(Files.exists(data.resolve("etc/people.json")));
    }

    private void write(UserRecord... users) throws IOException {
        new UsersFile(data.resolve("users.json")).write(List.of(users));
    }

    private static String hash(String password) {
        return new PasswordKdf(1_000).hash(password.toCharArray());
    }
}
