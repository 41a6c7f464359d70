package dev.apitokens.housekeeping.internal;

import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.HostNotices;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.host.spi.Notice;
import dev.apitokens.spi.TokenStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Test stand-ins for the services around the housekeeping (the store is the real one, on H2). */
final class Fakes {

    private Fakes() {
    }

    /** A clock that tests move. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** The users the host knows, by key. */
    static final class Users implements HostUsers {
        final Map<String, HostUser> byKey = new ConcurrentHashMap<>();

        void add(HostUser user) {
            byKey.put(user.key(), user);
        }

        @Override
        public Optional<HostUser> findByName(String username) {
            return byKey.values().stream().filter(u -> u.name().equals(username)).findFirst();
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
            return false;
        }
    }

    /** One delivered notice. */
    record Sent(String to, List<String> copies, Notice notice) {
    }

    /** Records what would be mailed; can be switched to fail as an unreachable mail server does. */
    static final class Mailbox implements HostNotices {
        final List<Sent> sent = new ArrayList<>();
        volatile boolean down;

        @Override
        public synchronized void send(HostUser recipient, List<String> copies, Notice notice) {
            if (down) {
                throw new IllegalStateException("mail server unreachable");
            }
            sent.add(new Sent(recipient.email(), List.copyOf(copies), notice));
        }

        synchronized List<String> subjects() {
            return sent.stream().map(s -> s.notice().subject()).toList();
        }
    }

    /** The part of the token service pruning calls: prune deletes from the real store and is recorded. */
    static final class Tokens {
        final TokenStore store;
        final List<String> pruned = new ArrayList<>();
        /** The service: {@code prune} as above, every other method unsupported (pruning calls nothing else). */
        final TokenService service;

        Tokens(TokenStore store) {
            this.store = store;
            this.service = (TokenService) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] {TokenService.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prune")) {
                            return prune((String) args[0], (String) args[1]);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        synchronized boolean prune(String tokenId, String reason) {
            boolean deleted = store.delete(tokenId);
            if (deleted) {
                pruned.add(tokenId + ": " + reason);
            }
            return deleted;
        }
    }

    /** The configuration annotation with its defaults, except {@code values} (by attribute method name). */
    static Housekeeping.Config config(Map<String, Object> values) {
        return (Housekeeping.Config) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                new Class<?>[] {Housekeeping.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> Housekeeping.Config.class;
                    case "toString" -> "Config" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
