package dev.apitokens.core.internal;

import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.TokenStore;
import dev.apitokens.spi.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-behind of token uses: an authentication only adds to an in-memory counter; {@link #flush()} (run on a
 * schedule and on shutdown) writes all counters with one {@link TokenStore#recordUsage} batch, whose atomic
 * increments let several cluster nodes count the same token. A request never waits for the database.
 *
 * <p>On the request path a use of a token seen since the last flush allocates nothing and takes no lock: one map
 * read, an atomic increment and the latest time; only a client address other than the token's previous one takes
 * the token's lock. A flush takes each token's counter whole, so a use counted meanwhile goes to a new counter and is
 * written by the next flush: none is lost, none is written twice.
 */
final class UsageRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

    private final TokenStore store;
    private final ConcurrentMap<String, PendingUses> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    UsageRecorder(TokenStore store) {
        this.store = store;
    }

    /** Counts one successful authentication with the token {@code publicId} at {@code at}. */
    void record(String publicId, Instant at) {
        record(publicId, at, null);
    }

    /**
     * Counts one successful authentication from a client address ({@code null} if unknown), which joins the
     * token's last addresses when the uses are written.
     */
    void record(String publicId, Instant at, String clientAddress) {
        add(publicId, 1, at, clientAddress, List.of());
        if (closed) {
            // A request still in flight when the service was deactivated: no later flush will come for it.
            flush();
        }
    }

    private void add(String publicId, long count, Instant at, String clientAddress, List<UsedAddress> addresses) {
        while (true) {
            PendingUses uses = pending.get(publicId);
            if (uses == null) {
                uses = pending.computeIfAbsent(publicId, id -> new PendingUses());
            }
            if (uses.add(count, at, clientAddress, addresses)) {
                return;
            }
            pending.remove(publicId, uses); // a flush took it just now: start the next one
        }
    }

    /**
     * The final flush, on deactivation. Uses recorded afterwards by requests still running are written at once,
     * instead of waiting for a flush that will never come. {@code closed} is set before this flush and read after
     * the count in {@link #record}, so each late use is written by one or the other.
     */
    void close() {
        closed = true;
        flush();
    }

    /**
     * Writes every pending use in one batch. If the store fails the uses are added back (to any counted meanwhile)
     * for the next flush, so none is lost while the database is away.
     *
     * @return how many tokens' counters were written
     */
    synchronized int flush() {
        List<TokenUsage> batch = new ArrayList<>();
        for (String publicId : pending.keySet()) {
            PendingUses uses = pending.remove(publicId);
            TokenUsage usage = uses == null ? null : uses.take(publicId);
            if (usage != null) {
                batch.add(usage);
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            store.recordUsage(batch);
            return batch.size();
        } catch (RuntimeException e) {
            for (TokenUsage usage : batch) {
                add(usage.publicId(), usage.count(), usage.lastAccessed(), null, usage.addresses());
            }
            LOG.warn("Could not record the usage of {} API tokens, will retry on the next flush: {}", batch.size(),
                    e.toString());
            return 0;
        }
    }

    /** How many tokens have uses waiting to be written. */
    int pendingTokens() {
        return pending.size();
    }

    /**
     * One token's uses since the last flush. The count turns negative when a flush takes it; a use that finds it
     * negative was not counted here and goes to the token's next counter. The time and the address are written
     * before the count, so a flush that took the count sees them.
     */
    private static final class PendingUses {

        private static final long TAKEN = Long.MIN_VALUE / 2;

        private final AtomicLong count = new AtomicLong();
        private final AtomicReference<Instant> latest = new AtomicReference<>(Instant.MIN);
        /** The client address of the latest use; its last-seen time is {@link #latest} until another one comes. */
        private volatile String recentAddress;
        /** The other addresses with their last-seen times, most recent first; guarded by {@code this}. */
        private List<UsedAddress> earlierAddresses = List.of();

        boolean add(long uses, Instant at, String clientAddress, List<UsedAddress> addresses) {
            if ((clientAddress != null && !clientAddress.equals(recentAddress)) || !addresses.isEmpty()) {
                addAddresses(clientAddress, addresses);
            }
            latest.accumulateAndGet(at, PendingUses::later);
            return count.getAndAdd(uses) >= 0;
        }

        private synchronized void addAddresses(String clientAddress, List<UsedAddress> addresses) {
            List<UsedAddress> merged = UsedAddress.merge(earlierAddresses, addresses);
            if (clientAddress != null) {
                String previous = recentAddress;
                if (previous != null && !previous.equals(clientAddress)) {
                    // the previous address's last use is the latest one before this
                    merged = UsedAddress.merge(merged, List.of(new UsedAddress(previous, latest.get())));
                }
                recentAddress = clientAddress;
            }
            earlierAddresses = merged;
        }

        /** The uses counted here, once; {@code null} if none or a flush took them already. */
        TokenUsage take(String publicId) {
            long uses = count.getAndSet(TAKEN);
            if (uses <= 0) {
                return null;
            }
            Instant at = latest.get();
            List<UsedAddress> addresses;
            synchronized (this) {
                String recent = recentAddress;
                addresses = recent == null ? earlierAddresses
                        : UsedAddress.merge(earlierAddresses, List.of(new UsedAddress(recent, at)));
            }
            return new TokenUsage(publicId, uses, at, addresses);
        }

        private static Instant later(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }
}
