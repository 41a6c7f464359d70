package dev.apitokens.host.standalone.users.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a first start there is nobody to log in as: create {@code admin} with a random password, written to a file
 * only the owner can read. The log names the file, never the password.
 */
final class InitialAdmin {

    static final String NAME = "admin";
    static final String PASSWORD_FILE = "admin-password.txt";

    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InitialAdmin() {
    }

    /** Creates the admin if the users file has no users; returns whether it did. */
    static boolean createIfNoUsers(UsersFile users, PasswordKdf kdf, Path passwordFile) throws IOException {
        boolean[] created = new boolean[1];
        // under the users file's lock: a "user add" run at the same time must not be overwritten by the admin
        users.update(existing -> {
            if (!existing.isEmpty()) {
                return existing;
            }
            char[] password = randomPassword(24);
            // the password file first: if we stop in between, the next start finds no users and does it again
            Files.deleteIfExists(passwordFile);
            UsersFile.createOwnerOnly(passwordFile);
            Files.writeString(passwordFile, new String(password) + System.lineSeparator(), StandardCharsets.UTF_8);
            created[0] = true;
            return List.of(UserRecord.create(NAME, "Administrator", true, kdf.hash(password)));
        });
        if (created[0]) {
            LOG.warn("No users in {}: created user '{}' (administrator); its password is in {}", users.path(), NAME,
                    passwordFile);
        }
        return created[0];
    }

    static char[] randomPassword(int length) {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return password;
    }
}
