package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static dev.apitokens.core.internal.CoreFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenPolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The core posts one audit event per change, on the documented topic, with owner, actor and id, never a secret. */
class AuditTrailTest {

    /** Records what the core posts, as Event Admin would receive it. */
    static final class RecordingEventAdmin implements EventAdmin {
        final List<Event> posted = new ArrayList<>();

        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            throw new AssertionError("the core must post (asynchronously), not send: " + event.getTopic());
        }
    }

    private final CoreFixture fixture = new CoreFixture();
    private final RecordingEventAdmin events = new RecordingEventAdmin();

    AuditTrailTest() {
        fixture.addHasher(new FakeHasher("fake-a"), 100);
        fixture.service.eventAdmin = events;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aPolicyRefusalAndAThrottledIdAreAudited() {
        try (CoreFixture limited = new CoreFixture(new TokenPolicy(false, 0, 0, 1, List.of(), Set.of()))) {
            limited.addHasher(new FakeHasher("fake-a"), 100);
            limited.service.eventAdmin = events;
            limited.create(ALICE, "one");
            assertThrows(TokenPolicyException.class, () -> limited.create(ALICE, "two"));
            limited.service.throttled("tok1AAAAAAAAAAAA", "alice", "192.0.2.7");
        }
        List<String> types = events.posted.stream().map(e -> (String) e.getProperty(AuditEvents.TYPE)).toList();
        assertEquals(List.of(AuditEvents.TOKEN_CREATED, AuditEvents.TOKEN_REFUSED_BY_POLICY,
                AuditEvents.TOKEN_THROTTLED), types);
        Event refused = events.posted.get(1);
        assertEquals(ALICE.key(), refused.getProperty(AuditEvents.USER));
        assertEquals(ALICE.key(), refused.getProperty(AuditEvents.ACTOR));
        assertTrue(((String) refused.getProperty(AuditEvents.DETAIL)).startsWith("TOO_MANY_TOKENS: "),
                String.valueOf(refused.getProperty(AuditEvents.DETAIL)));
        Event throttled = events.posted.get(2);
        assertEquals("tok1AAAAAAAAAAAA", throttled.getProperty(AuditEvents.TOKEN_ID));
        assertEquals("from 192.0.2.7 as alice", throttled.getProperty(AuditEvents.DETAIL));
    }

    @Test
    void aLicenseStateChangeIsAuditedOnceAndTheFirstStateIsOnlyRemembered() {
        FakeLicenseGate gate = new FakeLicenseGate();
        java.util.concurrent.atomic.AtomicReference<dev.apitokens.spi.LicenseGate> current =
                new java.util.concurrent.atomic.AtomicReference<>(gate);
        LicenseWatch watch = new LicenseWatch(current::get, new AuditTrail(() -> events, fixture.clock));
        watch.check();
        watch.check();
        assertEquals(List.of(), events.posted, "the first state seen is not a change");
        gate.state = dev.apitokens.spi.LicenseStatus.State.EXPIRED;
        watch.check();
        watch.check();
        current.set(null);
        watch.check();
        assertEquals(List.of("VALID -> EXPIRED", "EXPIRED -> NO_LICENSE_GATE"), events.posted.stream()
                .map(e -> (String) e.getProperty(AuditEvents.DETAIL)).toList());
        assertEquals(AuditEvents.LICENSE_CHANGED, events.posted.get(0).getProperty(AuditEvents.TYPE));
    }

    @Test
    void everyChangeIsPostedOnceWithItsOwnerAndActor() {
        CreatedToken first = fixture.create(ALICE, "Jenkins");
        CreatedToken second = fixture.create(ALICE, "CI");
        CreatedToken bobs = fixture.create(BOB, "bob's");
        List<String> hashes = List.of(first, second, bobs).stream()
                .map(t -> fixture.store.get(t.info().id()).hash()).toList();
        fixture.service.revoke(ALICE.key(), first.info().id());
        fixture.service.revoke(ALICE.key(), bobs.info().id()); // not hers: nothing happens, nothing is audited
        fixture.service.revokeAny(bobs.info().id());
        fixture.service.revokeAll(ALICE.key());

        List<String> topics = events.posted.stream().map(Event::getTopic).toList();
        assertEquals(List.of("dev/apitokens/audit/TOKEN_CREATED", "dev/apitokens/audit/TOKEN_CREATED",
                "dev/apitokens/audit/TOKEN_CREATED", "dev/apitokens/audit/TOKEN_REVOKED",
                "dev/apitokens/audit/TOKEN_REVOKED_BY_ADMIN", "dev/apitokens/audit/ALL_TOKENS_REVOKED"), topics);

        Event created = events.posted.get(0);
        assertEquals(AuditEvents.TOKEN_CREATED, created.getProperty(AuditEvents.TYPE));
        assertEquals(ALICE.key(), created.getProperty(AuditEvents.ACTOR));
        assertEquals(ALICE.key(), created.getProperty(AuditEvents.USER));
        assertEquals(first.info().id(), created.getProperty(AuditEvents.TOKEN_ID));
        assertEquals("Jenkins", created.getProperty(AuditEvents.DETAIL));
        assertEquals(fixture.clock.millis(), created.getProperty(AuditEvents.TIMESTAMP));

        Event byAdmin = events.posted.get(4);
        assertEquals(BOB.key(), byAdmin.getProperty(AuditEvents.USER), "the owner is named after the delete");
        assertNull(byAdmin.getProperty(AuditEvents.ACTOR));
        assertEquals("1 tokens", events.posted.get(5).getProperty(AuditEvents.DETAIL));

        for (Event event : events.posted) {
            for (String name : event.getPropertyNames()) {
                String value = String.valueOf(event.getProperty(name));
                for (CreatedToken token : List.of(first, second, bobs)) {
                    assertFalse(value.contains(token.secret()), "a secret in " + name + " of " + event);
                }
                for (String hash : hashes) {
                    assertFalse(value.contains(hash), "a hash in " + name + " of " + event);
                }
            }
        }
    }

    @Test
    void anAdminsRevocationsNameTheAdminAsActor() {
        CreatedToken bobs = fixture.create(BOB, "bob's");
        fixture.create(BOB, "bob's other");
        fixture.create(BOB, "bob's third");
        fixture.service.revokeAny(bobs.info().id(), "key-admin");
        fixture.service.revokeAll(BOB.key(), "key-admin");

        Event one = events.posted.get(3);
        assertEquals(AuditEvents.TOKEN_REVOKED_BY_ADMIN, one.getProperty(AuditEvents.TYPE));
        assertEquals("key-admin", one.getProperty(AuditEvents.ACTOR));
        assertEquals(BOB.key(), one.getProperty(AuditEvents.USER));
        Event all = events.posted.get(4);
        assertEquals(AuditEvents.ALL_TOKENS_REVOKED, all.getProperty(AuditEvents.TYPE));
        assertEquals("key-admin", all.getProperty(AuditEvents.ACTOR));
        assertEquals(BOB.key(), all.getProperty(AuditEvents.USER));
        assertEquals("2 tokens", all.getProperty(AuditEvents.DETAIL));
    }

    @Test
    void pruningDeletesTheTokenForEveryNodeAndIsAuditedWithItsReason() {
        CreatedToken token = fixture.create(BOB, "old");
        String id = token.info().id();
        assertTrue(fixture.service.authenticate(BOB.name(), token.secret()).isSuccess(), "cached as verified");

        assertTrue(fixture.service.prune(id, "unused since 2026-01-01"));
        assertFalse(fixture.service.prune(id, "again"), "gone: nothing to prune, nothing audited");
        assertFalse(fixture.service.authenticate(BOB.name(), token.secret()).isSuccess(), "the cache forgot it");
        assertEquals(List.of(), fixture.service.list(BOB.key()));

        Event pruned = events.posted.get(events.posted.size() - 1);
        assertEquals("dev/apitokens/audit/TOKEN_PRUNED", pruned.getTopic());
        assertEquals(BOB.key(), pruned.getProperty(AuditEvents.USER));
        assertEquals(id, pruned.getProperty(AuditEvents.TOKEN_ID));
        assertEquals("unused since 2026-01-01", pruned.getProperty(AuditEvents.DETAIL));
        assertNull(pruned.getProperty(AuditEvents.ACTOR), "the system, not a user");
        assertEquals(2, events.posted.size(), "created, pruned");
    }

    @Test
    void withoutEventAdminNothingIsPostedAndChangesStillWork() {
        fixture.service.eventAdmin = null;
        CreatedToken token = fixture.create(ALICE, "quiet");
        assertEquals(1, fixture.service.list(ALICE.key()).size());
        fixture.service.revoke(ALICE.key(), token.info().id());
        assertEquals(List.of(), events.posted);
        assertEquals(0, fixture.service.list(ALICE.key()).size());
    }
}
