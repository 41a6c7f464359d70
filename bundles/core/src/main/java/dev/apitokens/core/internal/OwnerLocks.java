package dev.apitokens.core.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the token creations of one owner on this node, so that the policy's token limit, counted before the
 * insert, cannot be exceeded by concurrent requests here. Striped: owners share a fixed number of locks, so nothing
 * grows with the number of users. Requests on different nodes of a cluster are not serialised by this.
 */
final class OwnerLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    OwnerLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code work} while holding the lock of {@code ownerKey}'s stripe. */
    <T> T underLockOf(String ownerKey, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(ownerKey.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
