package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.data.DataDirectory;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The standalone host's users, read from the users file. Edits made while running (by the {@code user} tool or by
 * hand) are picked up within a second; a file that became unreadable keeps the last good users and is logged.
 */
@Component(service = { HostUsers.class, UserDirectory.class }, configurationPid = HostConfig.PID,
        immediate = true) // immediate: a first start must create the admin (and its password file) right away
@Designate(ocd = HostConfig.class)
public class UserDirectory implements HostUsers {

    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
    private static final long RECHECK_NANOS = 1_000_000_000L;

    /** The users as read, indexed: a token request looks its owner up by name and by key. */
    private record Snapshot(List<UserRecord> users, Map<String, UserRecord> byLowerName,
            Map<String, UserRecord> byKey, FileTime modified, long checkedAt) {

        static Snapshot of(List<UserRecord> users, FileTime modified, long checkedAt) {
            Map<String, UserRecord> byLowerName = new HashMap<>();
            Map<String, UserRecord> byKey = new HashMap<>();
            for (UserRecord user : users) {
                byLowerName.putIfAbsent(user.name().toLowerCase(Locale.ROOT), user);
                byKey.putIfAbsent(user.key(), user);
            }
            return new Snapshot(users, byLowerName, byKey, modified, checkedAt);
        }

        Snapshot checked(long at) {
            return new Snapshot(users, byLowerName, byKey, modified, at);
        }

        Optional<UserRecord> named(String username) {
            UserRecord user = byLowerName.get(username.toLowerCase(Locale.ROOT));
            if (user != null && user.isNamed(username)) {
                return Optional.of(user);
            }
            // the few names whose lower case differs from what equalsIgnoreCase matches
            return users.stream().filter(u -> u.isNamed(username)).findFirst();
        }
    }

    private final UsersFile file;
    private final PasswordKdf kdf;
    private volatile Snapshot snapshot;

    @Activate
    public UserDirectory(BundleContext context, HostConfig config) throws IOException {
        this(DataDirectory.of(context), config);
    }

    UserDirectory(Path dataDir, HostConfig config) throws IOException {
        this.file = new UsersFile(DataDirectory.resolve(dataDir, config.usersFile(), "users.json"));
        this.kdf = new PasswordKdf(config.passwordIterations());
        InitialAdmin.createIfNoUsers(file, kdf, dataDir.resolve(InitialAdmin.PASSWORD_FILE));
        this.snapshot = Snapshot.of(file.read(), file.lastModified(), System.nanoTime());
        LOG.info("{} users from {}", snapshot.users().size(), file.path());
    }

    @Override
    public Optional<HostUser> findByName(String username) {
        return record(username).map(UserRecord::toHostUser);
    }

    @Override
    public Optional<HostUser> findByKey(String userKey) {
        return Optional.ofNullable(current().byKey().get(userKey)).map(UserRecord::toHostUser);
    }

    @Override
    public long activeUserCount() {
        return current().users().stream().filter(UserRecord::active).count();
    }

    @Override
    public boolean isMemberOf(String userKey, String group) {
        UserRecord user = userKey == null ? null : current().byKey().get(userKey);
        return user != null && group != null && user.isMemberOf(group);
    }

    /**
     * The active user with this name and password, if any. An unknown name costs the same hashing work as a wrong
     * password.
     */
    Optional<HostUser> authenticate(String username, char[] password) {
        Optional<UserRecord> user = record(username);
        if (user.isEmpty() || user.get().password() == null) {
            kdf.verifyNothing(password);
            return Optional.empty();
        }
        boolean matches = kdf.verify(password, user.get().password());
        return matches && user.get().active() ? Optional.of(user.get().toHostUser()) : Optional.empty();
    }

    private Optional<UserRecord> record(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return current().named(username);
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (now - current.checkedAt() < RECHECK_NANOS) {
            return current;
        }
        FileTime modified = file.lastModified();
        if (Objects.equals(modified, current.modified())) {
            snapshot = current.checked(now);
            return snapshot;
        }
        try {
            snapshot = Snapshot.of(file.read(), modified, now);
            LOG.info("Reloaded {} users from {}", snapshot.users().size(), file.path());
        } catch (IOException | UncheckedIOException e) {
            LOG.error("Cannot reload the users file, keeping the previous users: {}", e.getMessage());
            snapshot = new Snapshot(current.users(), current.byLowerName(), current.byKey(), modified, now);
        }
        return snapshot;
    }
}
