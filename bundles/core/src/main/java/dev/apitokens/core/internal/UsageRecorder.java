package dev.apitokens.core.internal;

import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.TokenStore;
import dev.apitokens.spi.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Write-behind of token uses: an authentication only adds to an in-memory counter; {@link #flush()} (run on a
 * schedule and on shutdown) writes all counters with one {@link TokenStore#recordUsage} batch, whose atomic
 * increments let several cluster nodes count the same token. A request never waits for the database.
 */
final class UsageRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

    private record Delta(long count, Instant latest, List<UsedAddress> addresses) {
        Delta plus(Delta other) {
            return new Delta(count + other.count, latest.isAfter(other.latest) ? latest : other.latest,
                    UsedAddress.merge(addresses, other.addresses));
        }
    }

    private final TokenStore store;
    private final ConcurrentMap<String, Delta> pending = new ConcurrentHashMap<>();
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
        List<UsedAddress> address = clientAddress == null ? List.of() : List.of(new UsedAddress(clientAddress, at));
        pending.merge(publicId, new Delta(1, at, address), Delta::plus);
        if (closed) {
            // A request still in flight when the service was deactivated: no later flush will come for it.
            flush();
        }
    }

    /**
     * The final flush, on deactivation. Uses recorded afterwards by requests still running are written at once,
     * instead of waiting for a flush that will never come. {@code closed} is set before this flush and read after
     * the merge in {@link #record}, so each late use is written by one or the other.
     */
    void close() {
        closed = true;
        flush();
    }

    /**
     * Writes every pending use in one batch. If the store fails the uses are merged back (with any counted
     * meanwhile) for the next flush, so none is lost while the database is away.
     *
     * @return how many tokens' counters were written
     */
    synchronized int flush() {
        List<TokenUsage> batch = new ArrayList<>();
        for (String publicId : pending.keySet()) {
            // remove() takes the counter atomically: uses recorded after it start a new one.
            Delta delta = pending.remove(publicId);
            if (delta != null) {
                batch.add(new TokenUsage(publicId, delta.count(), delta.latest(), delta.addresses()));
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
                pending.merge(usage.publicId(), new Delta(usage.count(), usage.lastAccessed(), usage.addresses()),
                        Delta::plus);
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
}
