package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static dev.apitokens.core.internal.CoreFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.spi.Revocation;
import dev.apitokens.spi.RevocationFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two token services on one store stand for two cluster nodes. A revocation on one must end the other's cached
 * verification through the revocation feed, long before the cache TTL (300 s here, the default).
 */
class ClusterRevocationTest {

    /** Delivers every publication to every subscriber at once, as the store's feed does within a poll. */
    static final class InstantFeed implements RevocationFeed {
        final List<Revocation> published = new CopyOnWriteArrayList<>();
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public void publish(Revocation revocation) {
            if (down) {
                throw new TokenStoreUnavailableException("token store unavailable: feed down", null);
            }
            published.add(revocation);
            listeners.forEach(listener -> listener.revoked(List.of(revocation)));
        }

        @Override
        public Subscription subscribe(Listener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    private final InMemoryTokenStore database = new InMemoryTokenStore();
    private final InstantFeed feed = new InstantFeed();
    private final CoreFixture nodeA = node();
    private final CoreFixture nodeB = node();

    private CoreFixture node() {
        CoreFixture node = new CoreFixture(CoreFixture.config(10000, 300, 5, false), database);
        node.addHasher(new FakeHasher("fake-a"), 100);
        return node;
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void withoutAFeedAnotherNodeKeepsAcceptingARevokedTokenUntilItsCacheEntryAges() {
        CreatedToken token = nodeA.create(ALICE, "ci");
        assertTrue(nodeB.service.authenticate("alice", token.secret()).isSuccess());
        assertTrue(nodeA.service.revoke(ALICE.key(), token.info().id()));
        assertTrue(nodeB.service.authenticate("alice", token.secret()).isSuccess(),
                "the reason for the feed: B verified it before and does not read the store again");
    }

    @Test
    void aRevocationOnOneNodeEndsTheOtherNodesCachedVerification() {
        nodeA.service.bindRevocationFeed(feed);
        nodeB.service.bindRevocationFeed(feed);
        CreatedToken token = nodeA.create(ALICE, "ci");
        CreatedToken other = nodeA.create(ALICE, "other");
        assertTrue(nodeB.service.authenticate("alice", token.secret()).isSuccess());
        assertTrue(nodeB.service.authenticate("alice", other.secret()).isSuccess());

        assertTrue(nodeA.service.revoke(ALICE.key(), token.info().id()));
        assertEquals(List.of(Revocation.ofToken(token.info().id())), feed.published);
        assertFalse(nodeB.service.authenticate("alice", token.secret()).isSuccess());
        assertTrue(nodeB.service.authenticate("alice", other.secret()).isSuccess(), "only the revoked one is dropped");
    }

    @Test
    void revokingAllOfAUsersTokensAndAnAdminRevocationReachTheOtherNode() {
        nodeA.service.bindRevocationFeed(feed);
        nodeB.service.bindRevocationFeed(feed);
        CreatedToken alices = nodeA.create(ALICE, "a");
        CreatedToken bobs = nodeA.create(BOB, "b");
        assertTrue(nodeB.service.authenticate("alice", alices.secret()).isSuccess());
        assertTrue(nodeB.service.authenticate("bob", bobs.secret()).isSuccess());

        assertEquals(1, nodeA.service.revokeAll(ALICE.key()));
        assertTrue(nodeA.service.revokeAny(bobs.info().id()));
        assertEquals(List.of(Revocation.ofUser(ALICE.key()), Revocation.ofToken(bobs.info().id())), feed.published);
        assertFalse(nodeB.service.authenticate("alice", alices.secret()).isSuccess());
        assertFalse(nodeB.service.authenticate("bob", bobs.secret()).isSuccess());

        assertEquals(0, nodeA.service.revokeAll(ALICE.key()));
        assertFalse(nodeA.service.revokeAny(bobs.info().id()));
        assertEquals(2, feed.published.size(), "nothing revoked, nothing published");
    }

    @Test
    void aFeedThatCannotPublishLeavesTheTokenRevokedAndSaysSo() {
        nodeA.service.bindRevocationFeed(feed);
        CreatedToken token = nodeA.create(ALICE, "ci");
        feed.down = true;
        assertTrue(nodeA.service.revoke(ALICE.key(), token.info().id()));
        assertFalse(nodeA.service.authenticate("alice", token.secret()).isSuccess());
        assertTrue(nodeA.log.allText().stream().anyMatch(line -> line.contains("could not tell the other nodes")
                && line.contains(token.info().id())), nodeA.log.allText().toString());
    }

    @Test
    void missedRevocationsDropEveryVerificationAndUnbindingStopsListening() {
        nodeB.service.bindRevocationFeed(feed);
        CreatedToken token = nodeA.create(ALICE, "ci");
        assertTrue(nodeB.service.authenticate("alice", token.secret()).isSuccess());
        database.delete(token.info().id()); // behind the feed's back
        new ArrayList<>(feed.listeners).forEach(RevocationFeed.Listener::missed);
        assertFalse(nodeB.service.authenticate("alice", token.secret()).isSuccess());

        nodeB.service.unbindRevocationFeed(feed);
        assertTrue(feed.listeners.isEmpty());
    }
}
