package dev.apitokens.core.internal;

import dev.apitokens.spi.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the records of rotated-away secrets ({@code AO_<hash>_ROTATED}) that can no longer reveal a leak: their
 * family's live token is gone or expired, or (with a retention) they are older than it. Run from pruning, at most
 * once per {@link #INTERVAL}, so a day of pruning many tokens costs one sweep; a failed sweep is logged and retried
 * at the next pruning, the pruning itself goes on.
 */
final class RotatedRecordsSweep {

    static final Duration INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(RotatedRecordsSweep.class);

    private final TokenStore store;
    private final Clock clock;
    private final int retentionDays;
    /** Guarded by {@code this}. */
    private Instant nextRun = Instant.MIN;

    /** @param retentionDays how long a record is kept at most; 0 for as long as its family's token lives */
    RotatedRecordsSweep(TokenStore store, Clock clock, int retentionDays) {
        this.store = store;
        this.clock = clock;
        this.retentionDays = Math.max(0, retentionDays);
    }

    /** Sweeps if the last sweep was at least {@link #INTERVAL} ago; returns how many records were deleted. */
    synchronized int runIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextRun)) {
            return 0;
        }
        nextRun = now.plus(INTERVAL);
        try {
            int deleted = store.deleteStaleRotated(now,
                    retentionDays == 0 ? null : now.minus(Duration.ofDays(retentionDays)));
            if (deleted > 0) {
                LOG.info("Forgot {} records of rotated-away API tokens whose token is gone or expired{}", deleted,
                        retentionDays == 0 ? "" : " or that are older than " + retentionDays + " days");
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("Could not forget the records of rotated-away API tokens, will retry at the next pruning: {}",
                    e.getMessage());
            nextRun = now;
            return 0;
        }
    }
}
