package dev.apitokens.store.ao;

import dev.apitokens.spi.Revocation;
import dev.apitokens.spi.RevocationFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the revocation log every {@code interval} and tells the subscribers what is new: one indexed range query
 * ({@code ID > floor}) per poll, whatever the load, and nothing else on the request path.
 *
 * <p>Ids are handed out when a row is inserted but become visible when it commits, so a later id can appear before
 * an earlier one. The reader therefore keeps {@code floor}, the id below which it has seen everything, and the ids
 * above it it has already delivered; a missing id (a gap) holds the floor for {@link #GAP_GRACE} and is then given up
 * (a rolled-back insert, or ids a database skipped). A reader that could not read for longer than half the retention
 * may have lost rows another node pruned, and tells its subscribers to forget everything.
 *
 * <p>All state is confined to the poller's one thread.
 */
final class RevocationPoller implements AutoCloseable {

    /** How long a gap in the ids may be an insert that has not committed yet. */
    static final Duration GAP_GRACE = Duration.ofSeconds(5);
    /** Rows read per query; more are read by the next query at once. */
    static final int BATCH = 1000;
    private static final long UNKNOWN = -1;

    private static final Logger LOG = LoggerFactory.getLogger(RevocationPoller.class);

    private final RevocationLog log;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final Duration retention;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final List<RevocationFeed.Listener> listeners = new CopyOnWriteArrayList<>();

    private ScheduledFuture<?> task;
    private long floor = UNKNOWN;
    private final TreeSet<Long> deliveredAboveFloor = new TreeSet<>();
    private long gapSinceNanos;
    private long lastReadNanos;
    private long lastPruneNanos;
    private boolean failing;

    RevocationPoller(RevocationLog log, ScheduledExecutorService executor, Duration interval, Duration retention,
            Clock clock, LongSupplier nanoTime) {
        this.log = log;
        this.executor = executor;
        this.interval = interval;
        this.retention = retention;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** Adds a subscriber; the first one starts the polling, whose first poll marks where this node starts. */
    synchronized RevocationFeed.Subscription subscribe(RevocationFeed.Listener listener) {
        RevocationFeed.Subscription subscription = listen(listener);
        if (task == null) {
            long millis = Math.max(1, interval.toMillis());
            task = executor.scheduleWithFixedDelay(this::pollSafely, 0, millis, TimeUnit.MILLISECONDS);
        }
        return subscription;
    }

    /** Adds a subscriber without starting the polling (tests poll by hand). */
    RevocationFeed.Subscription listen(RevocationFeed.Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        executor.shutdownNow();
        listeners.clear();
    }

    private void pollSafely() {
        try {
            poll();
            if (failing) {
                LOG.info("Revocation log readable again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Cannot read the revocation log, retrying every {} ms: {}", interval.toMillis(),
                        e.getMessage());
                failing = true;
            }
        }
    }

    /** One poll: read what is new, deliver it, advance the floor, prune now and then. Runs on the poller's thread. */
    void poll() {
        long now = nanoTime.getAsLong();
        if (floor == UNKNOWN) {
            // a starting node has verified nothing yet: the log before now does not concern it
            floor = log.newestId();
            lastReadNanos = now;
            lastPruneNanos = now;
            return;
        }
        boolean lostTrack = now - lastReadNanos > retention.toNanos() / 2;
        List<Revocation> fresh = new ArrayList<>();
        boolean unknownKind = false;
        List<RevocationLog.Row> rows;
        long after = floor;
        do {
            rows = log.after(after, BATCH);
            for (RevocationLog.Row row : rows) {
                after = row.id();
                if (deliveredAboveFloor.add(row.id())) {
                    if (row.revocation() == null) {
                        unknownKind = true;
                    } else {
                        fresh.add(row.revocation());
                    }
                }
            }
        } while (rows.size() == BATCH);
        lastReadNanos = now;
        if (lostTrack || unknownKind) {
            LOG.info("Revocation log: {}; dropping every verified token", lostTrack
                    ? "unread for longer than half its retention, revocations may be lost" : "a revocation of a kind this version does not know");
            listeners.forEach(RevocationFeed.Listener::missed);
        } else if (!fresh.isEmpty()) {
            listeners.forEach(listener -> listener.revoked(fresh));
        }
        advanceFloor(now);
        if (now - lastPruneNanos > Duration.ofMinutes(1).toNanos()) {
            lastPruneNanos = now;
            int pruned = log.deleteOlderThan(clock.millis() - retention.toMillis());
            if (pruned > 0) {
                LOG.debug("Revocation log: pruned {} rows older than {}", pruned, retention);
            }
        }
    }

    private void advanceFloor(long now) {
        while (!deliveredAboveFloor.isEmpty()) {
            if (deliveredAboveFloor.first() == floor + 1) {
                floor = deliveredAboveFloor.pollFirst();
                gapSinceNanos = 0;
            } else if (gapSinceNanos == 0) {
                gapSinceNanos = now; // ids between floor and the next delivered one are not visible (yet)
                return;
            } else if (now - gapSinceNanos >= GAP_GRACE.toNanos()) {
                floor = deliveredAboveFloor.first() - 1; // given up: the gap is no insert that is still running
                gapSinceNanos = 0;
            } else {
                return;
            }
        }
    }

    /** The id below which every row has been seen (for tests). */
    long floor() {
        return floor;
    }
}
