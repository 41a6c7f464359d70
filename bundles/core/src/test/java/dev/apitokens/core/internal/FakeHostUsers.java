package dev.apitokens.core.internal;

import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;


/** A test fake of the host's user directory. */
final class FakeHostUsers implements HostUsers {

    private final Map<String, HostUser> byKey = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();

    void put(HostUser user) {
        byKey.put(user.key(), user);
    }

    /** Puts the user with this key into the group. */
    void addToGroup(String key, String group) {
        groups.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(group.toLowerCase(Locale.ROOT));
    }

    void remove(String key) {
        byKey.remove(key);
    }

    @Override
    public Optional<HostUser> findByName(String username) {
        return byKey.values().stream().filter(u -> u.name().equalsIgnoreCase(username)).findFirst();
    }

    @Override
    public Optional<HostUser> findByKey(String userKey) {
        return Optional.ofNullable(byKey.get(userKey));
    }

    @Override
    public long activeUserCount() {
        return byKey.values().stream().filter(HostUser::active).count();
    }

    @Override
    public boolean isMemberOf(String userKey, String group) {
        return group != null && groups.getOrDefault(userKey, Set.of()).contains(group.toLowerCase(Locale.ROOT));
    }
}
