package dev.apitokens.host.standalone.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The users file: {@code {"users": [{"name": ..., "key": ..., "displayName": ..., "admin": ..., "active": ...,
 * "password": "$pbkdf2-sha256$..."}]}}. Written atomically (temporary file, then rename) and readable by the owner
 * only, because it holds password hashes.
 */
final class UsersFile {

    private record Content(List<UserRecord> users) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path path;

    UsersFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The users; none when the file does not exist yet. */
    List<UserRecord> read() throws IOException {
        Content content;
        try {
            content = JSON.readValue(path.toFile(), Content.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException missing) {
            return List.of();
        } catch (JacksonException e) {
            throw new IOException("users file " + path + " is not valid: " + e.getOriginalMessage(), e);
        }
        List<UserRecord> users = content == null || content.users() == null ? List.of() : List.copyOf(content.users());
        check(users);
        return users;
    }

    void write(List<UserRecord> users) throws IOException {
        check(users);
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        createOwnerOnly(temporary);
        JSON.writeValue(temporary.toFile(), new Content(List.copyOf(users)));
        try {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** When the file last changed, or {@code null} when it does not exist. */
    FileTime lastModified() {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException missing) {
            return null;
        }
    }

    /** Creates an empty file only its owner may read (on POSIX file systems). */
    static void createOwnerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private void check(List<UserRecord> users) throws IOException {
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (UserRecord user : users) {
            if (user == null || user.name() == null || user.name().isBlank() || user.key() == null
                    || user.key().isBlank()) {
                throw new IOException("users file " + path + ": every user needs a name and a key");
            }
            if (!names.add(user.name().toLowerCase(java.util.Locale.ROOT)) || !keys.add(user.key())) {
                throw new IOException("users file " + path + ": user " + user.name() + " is listed twice");
            }
        }
    }
}
