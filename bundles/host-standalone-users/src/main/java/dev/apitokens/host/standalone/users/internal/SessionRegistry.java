package dev.apitokens.host.standalone.users.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Login sessions of the standalone host, in memory (a restart logs everybody out). A session id is 256 random
 * bits; it maps to a user key, so a user's later deactivation or removal ends their sessions on the next request.
 */
@Component(service = SessionRegistry.class, configurationPid = SessionsConfig.PID)
@Designate(ocd = SessionsConfig.class)
public class SessionRegistry {

    /** The cookie carrying the session id. Not JSESSIONID, which the servlet container may manage itself. */
    static final String COOKIE = "APITOKENS_SESSION";

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final class Session {
        final String userKey;
        volatile Instant lastUsed;

        Session(String userKey, Instant lastUsed) {
            this.userKey = userKey;
            this.lastUsed = lastUsed;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final int max;
    private final Clock clock;

    @Activate
    public SessionRegistry(SessionsConfig config) {
        this(Duration.ofMinutes(Math.max(1, config.sessionIdleMinutes())), Math.max(1, config.maxSessions()),
                Clock.systemUTC());
    }

    SessionRegistry(Duration idle, int max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    /** Opens a session for the user and returns its id, the cookie value. */
    String open(String userKey) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (sessions.size() >= max) {
            evict();
        }
        sessions.put(id, new Session(userKey, clock.instant()));
        return id;
    }

    /** The user key of a live session, which counts as a use; empty for an unknown or expired id. */
    Optional<String> userKeyOf(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.lastUsed.plus(idle).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastUsed = now;
        return Optional.of(session.userKey);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    int size() {
        return sessions.size();
    }

    private void evict() {
        Instant cutoff = clock.instant().minus(idle);
        sessions.values().removeIf(session -> session.lastUsed.isBefore(cutoff));
        while (sessions.size() >= max) {
            sessions.entrySet().stream().min(Comparator.comparing(entry -> entry.getValue().lastUsed))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
    }
}
