package dev.apitokens.host.standalone.users.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void opensUnguessableSessionsThatMapToTheUserKey() {
        SessionRegistry sessions = new SessionRegistry(Duration.ofMinutes(10), 100, clock);
        String a = sessions.open("alice");
        String b = sessions.open("alice");
        assertNotEquals(a, b);
        assertTrue(a.matches("[A-Za-z0-9_-]{43}"), a);
        assertEquals(Optional.of("alice"), sessions.userKeyOf(a));
        assertTrue(sessions.userKeyOf("guess").isEmpty());
        assertTrue(sessions.userKeyOf(null).isEmpty());
    }

    @Test
    void closesSessionsOnLogoutAndAfterIdling() {
        SessionRegistry sessions = new SessionRegistry(Duration.ofMinutes(10), 100, clock);
        String used = sessions.open("alice");
        String idle = sessions.open("bob");
        String closed = sessions.open("carol");
        sessions.close(closed);
        now = now.plus(Duration.ofMinutes(9));
        assertTrue(sessions.userKeyOf(used).isPresent(), "a use restarts the idle time");
        now = now.plus(Duration.ofMinutes(9));
        assertTrue(sessions.userKeyOf(used).isPresent());
        assertTrue(sessions.userKeyOf(idle).isEmpty());
        assertTrue(sessions.userKeyOf(closed).isEmpty());
    }

    @Test
    void keepsAtMostTheConfiguredNumberDroppingTheLeastRecentlyUsed() {
        SessionRegistry sessions = new SessionRegistry(Duration.ofMinutes(10), 2, clock);
        String first = sessions.open("a");
        now = now.plusSeconds(1);
        String second = sessions.open("b");
        now = now.plusSeconds(1);
        sessions.userKeyOf(first);
        String third = sessions.open("c");
        assertEquals(2, sessions.size());
        assertTrue(sessions.userKeyOf(second).isEmpty());
        assertTrue(sessions.userKeyOf(first).isPresent());
        assertTrue(sessions.userKeyOf(third).isPresent());
    }
}
