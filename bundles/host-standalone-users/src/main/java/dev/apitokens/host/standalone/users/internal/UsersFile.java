package dev.apitokens.host.standalone.users.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The users file: {@code {"users": [{"name": ..., "key": ..., "displayName": ..., "admin": ..., "active": ...,
 * "password": "$pbkdf2-sha256$..."}]}}. Written atomically (temporary file, then rename) and readable by the owner
 * only, because it holds password hashes. Changes go through {@link #update}, which holds a lock from the read to
 * the write, so two {@code user} commands (or a command and a first start) cannot overwrite each other's change.
 */
final class UsersFile {

    /** A change to the users; returning the very list it was given means "no change, write nothing". */
    @FunctionalInterface
    interface Change {
        List<UserRecord> apply(List<UserRecord> users) throws IOException;
    }

    /** File locks are held per process, not per thread: threads of one process queue here first. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

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

    /**
     * Reads the users, applies the change and writes the result, all under an exclusive lock on
     * {@code <file>.lock} (other processes) and a lock of this process (other threads).
     */
    void update(Change change) throws IOException {
        Path directory = path.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        IN_PROCESS.lock();
        try (FileChannel lockFile = FileChannel.open(path.resolveSibling(path.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            List<UserRecord> users = read();
            List<UserRecord> changed = change.apply(users);
            if (changed != users) {
                write(changed);
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** Replaces the file without locking: for {@link #update} (and for tests setting a file up). */
    void write(List<UserRecord> users) throws IOException {
        check(users);
        Path directory = path.toAbsolutePath().getParent();
        // a temporary file of its own, so that a writer never moves another one's half-written file into place
        Path temporary = createOwnerOnlyTemporary(directory, path.getFileName() + ".");
        try {
            JSON.writeValue(temporary.toFile(), new Content(List.copyOf(users)));
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path createOwnerOnlyTemporary(Path directory, String prefix) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(directory, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(directory, prefix, ".tmp");
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
