package dev.apitokens.testing.simulatedhost;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated host's users, in memory: {@code admin} (an administrator), {@code alice}, {@code carol}; each one's
 * password is their name followed by {@code -password}, each one's key is {@code key-} and their name.
 */
public final class SimulatedDirectory {

    /** One user of the simulated host. */
    public record User(String key, String name, String fullName, boolean admin, String password) {
    }

    private static final Map<String, User> BY_NAME = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> ACTIVE = new ConcurrentHashMap<>();

    static {
        for (String name : new String[] { "admin", "alice", "carol" }) {
            BY_NAME.put(name, new User("key-" + name, name, name.substring(0, 1).toUpperCase() + name.substring(1),
                    name.equals("admin"), name + "-password"));
            ACTIVE.put(name, true);
        }
    }

    private SimulatedDirectory() {
    }

    public static User byName(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    public static User byKey(String key) {
        return BY_NAME.values().stream().filter(u -> u.key().equals(key)).findFirst().orElse(null);
    }

    public static boolean isActive(String name) {
        return ACTIVE.getOrDefault(name, false);
    }

    /** Deactivates or reactivates a user (what an administrator does in the host's user management). */
    public static void setActive(String name, boolean active) {
        ACTIVE.put(name, active);
    }

    static int count() {
        return BY_NAME.size();
    }
}
