package dev.apitokens.authfilter.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Counts failed authentications per key (a token id, or a client address) in fixed windows that start with a key's
 * first failure, in bounded memory. Thread-safe.
 *
 * <p>When the table is full, windows that ended are dropped first, then keys still within their budget; keys
 * already over budget stay, so flooding the table with fresh keys cannot lift a throttle that is in force.
 */
final class FailureThrottle {

    /** The failures of one key beyond its budget in a window that ended, for the summary line. */
    record Summary(String key, int failures, int beyondBudget) {
    }

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    private final int budget;
    private final long windowMillis;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    /** Over-budget windows that a new failure replaced before {@link #takeEndedOverBudget()} saw them. */
    private final Queue<Summary> replaced = new ConcurrentLinkedQueue<>();

    /**
     * @param budget failures a key may have per window before it is throttled; 0 or less disables the throttle
     * @param windowSeconds the window length
     * @param maxKeys how many keys are tracked at most
     */
    FailureThrottle(int budget, int windowSeconds, int maxKeys, Clock clock) {
        this.budget = budget;
        this.windowMillis = Math.max(1, windowSeconds) * 1000L;
        this.maxKeys = Math.max(1, maxKeys);
        this.clock = clock;
    }

    int budget() {
        return budget;
    }

    /** Seconds until the key's window ends if it has spent its budget in it; 0 if it may try again now. */
    long retryAfterSeconds(String key) {
        if (budget <= 0 || key == null) {
            return 0;
        }
        Window window = windows.get(key);
        if (window == null) {
            return 0;
        }
        long now = clock.millis();
        synchronized (window) {
            if (now - window.start >= windowMillis || window.failures < budget) {
                return 0;
            }
            return Math.max(1, (window.start + windowMillis - now + 999) / 1000);
        }
    }

    /**
     * Counts one failure of the key.
     *
     * @return the key's failures in its current window including this one; 0 when the throttle is disabled or the
     *         key could not be tracked because the table is full of throttled keys
     */
    int recordFailure(String key) {
        if (budget <= 0 || key == null) {
            return 0;
        }
        long now = clock.millis();
        Window window = windows.get(key);
        if (window == null) {
            if (windows.size() >= maxKeys && !makeRoom(now)) {
                return 0;
            }
            window = windows.computeIfAbsent(key, k -> new Window(now));
        }
        synchronized (window) {
            if (now - window.start >= windowMillis) {
                // the old window ended: this failure opens a fresh one
                if (window.failures > budget) {
                    replaced.add(new Summary(key, window.failures, window.failures - budget));
                }
                Window fresh = new Window(now);
                fresh.failures = 1;
                windows.put(key, fresh);
                return 1;
            }
            return ++window.failures;
        }
    }

    /** Removes the windows that ended and returns the ones whose key went over budget in them. */
    List<Summary> takeEndedOverBudget() {
        long now = clock.millis();
        List<Summary> over = new ArrayList<>();
        for (Summary summary; (summary = replaced.poll()) != null;) {
            over.add(summary);
        }
        windows.forEach((key, window) -> {
            synchronized (window) {
                if (now - window.start >= windowMillis && windows.remove(key, window) && window.failures > budget) {
                    over.add(new Summary(key, window.failures, window.failures - budget));
                }
            }
        });
        return over;
    }

    /** Number of keys tracked now. */
    int trackedKeys() {
        return windows.size();
    }

    private boolean makeRoom(long now) {
        windows.entrySet().removeIf(e -> now - e.getValue().start >= windowMillis);
        if (windows.size() < maxKeys) {
            return true;
        }
        windows.entrySet().removeIf(e -> e.getValue().failures < budget);
        return windows.size() < maxKeys;
    }
}
