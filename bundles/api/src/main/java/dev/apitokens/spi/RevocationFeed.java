package dev.apitokens.spi;

import dev.apitokens.api.TokenStoreUnavailableException;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the nodes of a cluster tell each other about revocations, so that a token revoked on one node stops working
 * on every node within about a second, although each node keeps verified tokens in memory. The token service
 * publishes every revocation it makes and subscribes once; every node, the publishing one included, is told.
 *
 * <p>The store bundles provide one through the shared database (a small revocation log each node polls a few times
 * a second); a host adapter may provide one over the host's cluster messaging instead, with a higher service
 * ranking. Without any, revocations on other nodes are seen when the verification ages out of the cache.
 *
 * <p>Delivery is at least once and in no particular order; a feed that may have lost revocations (it could not
 * reach the other nodes for longer than it keeps them) says so with {@link Listener#missed()}.
 */
@ConsumerType
public interface RevocationFeed {

    /**
     * Tells every node of the cluster. Called after the revocation is stored.
     *
     * @throws TokenStoreUnavailableException when the other nodes cannot be told now
     */
    void publish(Revocation revocation);

    /** Tells {@code listener} of every revocation published from now on, on any node, until the subscription is closed. */
    Subscription subscribe(Listener listener);

    /** Receives revocations on the feed's own thread; must return quickly and must not throw. */
    interface Listener {

        /** These tokens (or users' tokens) stopped being valid. */
        void revoked(List<Revocation> revocations);

        /** Revocations may have been lost: forget everything verified before now. */
        void missed();
    }

    /** An active subscription. */
    interface Subscription extends AutoCloseable {

        /** Stops delivery; idempotent. */
        @Override
        void close();
    }
}
