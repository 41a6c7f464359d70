package dev.apitokens.housekeeping.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenUsage;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import dev.apitokens.housekeeping.internal.Fakes.Mailbox;
import dev.apitokens.housekeeping.internal.Fakes.MovableClock;
import dev.apitokens.housekeeping.internal.Fakes.Tokens;
import dev.apitokens.housekeeping.internal.Fakes.Users;
import dev.apitokens.store.ao.ActiveObjectsTokenStore;
import dev.apitokens.store.ao.AuditLog;
import dev.apitokens.api.AuditQuery;
import dev.apitokens.store.ao.AuditRecord;
import dev.apitokens.store.ao.ClusterLease;
import dev.apitokens.store.ao.StoreConfigs;
import dev.apitokens.store.ao.TestDatabase;

/**
 * The housekeeping on the real Active Objects store and tables (H2), two "nodes" sharing them, with a clock the
 * test moves: notices go out once per cluster, the lease moves to the other node when its holder stops, pruning
 * deletes and revokes for the documented reasons, audit retention, and notices for audit events.
 */
class HousekeepingTest {

    private static final String PREFIX = "AO_0D0E0F";
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final HostUser ALICE = new HostUser("key-alice", "alice", "Alice A", true, false,
            "alice@example.org");
    private static final HostUser BOB = new HostUser("key-bob", "bob", "Bob B", true, false, null);

    private final MovableClock clock = new MovableClock(T0);
    private final Users users = new Users();
    private final Mailbox mailbox = new Mailbox();
    private final List<Housekeeping> nodes = new ArrayList<>();
    private DataSource dataSource;
    private ActiveObjectsTokenStore store;
    private Tokens tokens;
    private int ids;

    @BeforeEach
    void freshTables() throws SQLException {
        TestDatabase database = TestDatabase.H2_MEMORY;
        dataSource = database.dataSource();
        for (String table : List.of("TOKEN", "REVOCATION", "LEASE", "NOTICE", "AUDIT")) {
            database.dropTable(PREFIX + "_" + table);
        }
        store = new ActiveObjectsTokenStore(PREFIX, dataSource, StoreConfigs.defaults());
        tokens = new Tokens(store);
        users.add(ALICE);
        users.add(BOB);
    }

    @AfterEach
    void stop() {
        nodes.forEach(Housekeeping::deactivate);
        store.close();
    }

    private Housekeeping node(String name, Map<String, Object> settings) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        Housekeeping node = new Housekeeping(store, tokens.service, users, new Tables(PREFIX, dataSource, ""),
                Fakes.config(settings), clock, name, executor);
        node.notices = mailbox;
        nodes.add(node);
        return node;
    }

    private StoredToken token(HostUser owner, String label, Duration expiresIn) {
        return store.insert(new NewToken("tok" + (++ids) + "AAAAAAAAAAAA".substring(String.valueOf(ids).length()),
                owner.key(), label, "$hmac-sha256$v=1$c2FsdA$aGFzaA", clock.instant(),
                expiresIn == null ? null : clock.instant().plus(expiresIn)));
    }

    @Test
    void expiryNoticesGoOutOncePerClusterAndTheLeaseMovesWhenItsHolderStops() {
        Housekeeping a = node("node-a", Map.of());
        Housekeeping b = node("node-b", Map.of());
        StoredToken jenkins = token(ALICE, "Jenkins", Duration.ofDays(10));
        token(BOB, "no address", Duration.ofDays(3));

        a.tick();
        b.tick();
        assertEquals(List.of(), mailbox.subjects(), "10 days before expiry: nothing due");

        clock.move(Duration.ofDays(4)); // 6 days left
        a.tick();
        b.tick();
        a.tick();
        assertEquals(List.of("Your API token \"Jenkins\" expires in 6 days"), mailbox.subjects(),
                "one notice, though two nodes ticked; Bob has no address and is skipped");
        Fakes.Sent sent = mailbox.sent.get(0);
        assertEquals("alice@example.org", sent.to());
        assertTrue(sent.notice().text().contains("Hello Alice A,"), sent.notice().text());
        assertTrue(sent.notice().text().contains("(id " + jenkins.publicId() + ") expires on 2026-12-11 08:00 UTC"),
                sent.notice().text());
        assertFalse(sent.notice().text().contains(jenkins.hash()), "never the hash");

        clock.move(Duration.ofHours(24 * 5 + 12)); // 12 hours left
        b.tick();
        a.tick();
        assertEquals("Your API token \"Jenkins\" expires within a day", mailbox.subjects().get(1));
        assertEquals(2, mailbox.sent.size());

        clock.move(Duration.ofDays(1)); // expired 12 hours ago
        a.tick();
        b.tick();
        assertEquals("Your API token \"Jenkins\" has expired", mailbox.subjects().get(2));
        assertEquals(3, mailbox.sent.size());
        assertEquals("node-a", new Tables(PREFIX, dataSource, "").lease().holder(Housekeeping.LEASE).holder());

        a.deactivate();
        nodes.remove(a);
        clock.move(Duration.ofDays(30));
        b.tick();
        ClusterLease.Holder holder = new Tables(PREFIX, dataSource, "").lease().holder(Housekeeping.LEASE);
        assertEquals("node-b", holder.holder(), "released by a on stop: b took over");
        assertEquals(List.of(), store.findByUser(ALICE.key()), "30 days after expiry: deleted");
        assertEquals(List.of(jenkins.publicId() + ": expired 2026-12-11"),
                tokens.pruned.stream().filter(p -> p.startsWith(jenkins.publicId())).toList());
        assertEquals(3, mailbox.sent.size(), "no further notice");
    }

    @Test
    void aNoticeTheMailServerRefusedIsSentOnTheNextRun() {
        Housekeeping a = node("node-a", Map.of());
        token(ALICE, "retry", Duration.ofDays(2));
        mailbox.down = true;
        a.tick();
        assertEquals(0, mailbox.sent.size());
        mailbox.down = false;
        a.tick();
        a.tick();
        assertEquals(List.of("Your API token \"retry\" expires in 2 days"), mailbox.subjects());
    }

    @Test
    void withoutADeliveryServiceNothingIsClaimedAndNoticesGoOutOnceItComes() {
        Housekeeping a = node("node-a", Map.of());
        a.notices = null;
        token(ALICE, "later", Duration.ofDays(2));
        a.tick();
        a.notices = mailbox;
        a.tick();
        assertEquals(1, mailbox.sent.size());
    }

    @Test
    void pruningRevokesUnusedTokensAndThoseOfGoneOrDeactivatedUsersOnceADay() {
        Housekeeping a = node("node-a", Map.of("revokeIdleAfterDays", 90));
        HostUser carol = new HostUser("key-carol", "carol", "Carol", true, false, "carol@example.org");
        users.add(carol);
        StoredToken used = token(ALICE, "used", null);
        StoredToken idle = token(ALICE, "idle", null);
        StoredToken carols = token(carol, "carol's", null);
        StoredToken bobs = token(BOB, "bob's", null);
        StoredToken ghosts = store.insert(new NewToken("tokghostAAAAAAAA", "key-ghost", "ghost's", "h", T0, null));

        clock.move(Duration.ofDays(100));
        store.recordUsage(List.of(new TokenUsage(used.publicId(), 1, clock.instant().minus(Duration.ofDays(10)))));
        users.add(new HostUser(carol.key(), carol.name(), carol.displayName(), false, false, carol.email()));
        a.tick();

        assertEquals(List.of(used.publicId()), store.findByUser(ALICE.key()).stream().map(StoredToken::publicId)
                .toList());
        assertEquals(List.of(idle.publicId() + ": never used since 2026-12-01",
                carols.publicId() + ": never used since 2026-12-01",
                bobs.publicId() + ": never used since 2026-12-01", ghosts.publicId() + ": never used since 2026-12-01"),
                tokens.pruned, "the idle pass comes first and takes them all");

        tokens.pruned.clear();
        StoredToken carols2 = token(carol, "carol's new", null);
        StoredToken ghosts2 = store.insert(new NewToken("tokghostBBBBBBBB", "key-ghost", "ghost's", "h",
                clock.instant(), null));
        a.tick();
        assertEquals(List.of(), tokens.pruned, "daily: not again within the day");
        clock.move(Duration.ofHours(25));
        a.tick();
        assertEquals(List.of(ghosts2.publicId() + ": owner unknown to the host",
                carols2.publicId() + ": owner deactivated").stream().sorted().toList(),
                tokens.pruned.stream().sorted().toList());
        assertEquals(1, store.findByUser(ALICE.key()).size());
    }

    @Test
    void whenTheHostKnowsNoneOfTheOwnersNothingIsRevoked() {
        Housekeeping a = node("node-a", Map.of());
        token(ALICE, "a", null);
        token(BOB, "b", null);
        users.byKey.clear(); // a directory outage looks like this
        a.tick();
        assertEquals(List.of(), tokens.pruned);
        assertEquals(1, store.findByUser(ALICE.key()).size());
    }

    @Test
    void auditEventsPastTheRetentionAreDeleted() {
        try (AuditLog audit = AuditLog.open(PREFIX, dataSource, "")) {
            audit.append(new AuditRecord(0, T0.minus(Duration.ofDays(366)).toEpochMilli(), "TOKEN_CREATED", null,
                    "key-alice", "tokAAAAAAAAAAAA1", null));
            audit.append(new AuditRecord(0, T0.minus(Duration.ofDays(364)).toEpochMilli(), "TOKEN_CREATED", null,
                    "key-alice", "tokAAAAAAAAAAAA2", null));
            node("node-a", Map.of()).tick();
            assertEquals(List.of("tokAAAAAAAAAAAA2"), audit.find(new AuditQuery(null, null, null, null, 0, 10)).items()
                    .stream().map(AuditRecord::tokenId).toList());
        }
    }

    @Test
    void creationAndRevocationByOthersAreNoticedButNotTheDeletionOfAnExpiredToken() {
        Housekeeping a = node("node-a", Map.of("adminCopies", new String[] {"security@example.org"}));
        a.noticeFor(event(AuditEvents.TOKEN_CREATED, "key-alice", "key-alice", "tokAAAAAAAAAAAA1", "Jenkins"));
        a.noticeFor(event(AuditEvents.TOKEN_REVOKED_BY_ADMIN, null, "key-alice", "tokAAAAAAAAAAAA1", null));
        a.noticeFor(event(AuditEvents.TOKEN_PRUNED, null, "key-alice", "tokAAAAAAAAAAAA2", "unused since 2026-01-01"));
        a.noticeFor(event(AuditEvents.TOKEN_PRUNED, null, "key-alice", "tokAAAAAAAAAAAA3", "expired 2026-01-01"));
        a.noticeFor(event(AuditEvents.TOKEN_CREATED, "key-bob", "key-bob", "tokAAAAAAAAAAAA4", "no address"));
        a.noticeFor(event(AuditEvents.TOKEN_LEAK_DETECTED, null, "key-alice", "tokAAAAAAAAAAAA6",
                "old secret of tokAAAAAAAAAAAA5 presented again"));

        assertEquals(List.of("A new API token \"Jenkins\" was created for your account",
                "Your API token tokAAAAAAAAAAAA1 was revoked by an administrator",
                "Your API token tokAAAAAAAAAAAA2 was revoked",
                "Your API token tokAAAAAAAAAAAA6 was revoked: an old secret of it was used"), mailbox.subjects());
        assertEquals(List.of("security@example.org"), mailbox.sent.get(0).copies());
        assertTrue(mailbox.sent.get(2).notice().text().contains("unused since 2026-01-01"));

        Housekeeping quiet = node("node-q", Map.of("noticeOnCreation", false, "noticeOnRevocationByOthers", false));
        quiet.noticeFor(event(AuditEvents.TOKEN_CREATED, "key-alice", "key-alice", "tokAAAAAAAAAAAA5", "x"));
        quiet.noticeFor(event(AuditEvents.TOKEN_REVOKED_BY_ADMIN, null, "key-alice", "tokAAAAAAAAAAAA5", null));
        assertEquals(4, mailbox.sent.size(), "switched off");
    }

    private Event event(String type, String actor, String user, String tokenId, String detail) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AuditEvents.TYPE, type);
        properties.put(AuditEvents.TIMESTAMP, clock.millis());
        if (actor != null) {
            properties.put(AuditEvents.ACTOR, actor);
        }
        properties.put(AuditEvents.USER, user);
        properties.put(AuditEvents.TOKEN_ID, tokenId);
        if (detail != null) {
            properties.put(AuditEvents.DETAIL, detail);
        }
        return new Event(AuditEvents.topic(type), properties);
    }
}
