package dev.apitokens.license.signed.internal;

import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;


/** A host directory that counts how often it is asked; a negative count makes it fail. */
final class CountingUsers implements HostUsers {
    volatile long active;
    final AtomicInteger calls = new AtomicInteger();

    CountingUsers(long active) {
        this.active = active;
    }

    @Override
    public long activeUserCount() {
        calls.incrementAndGet();
        if (active < 0) {
            throw new IllegalStateException("user directory unavailable (test)");
        }
        return active;
    }

    @Override
    public Optional<HostUser> findByName(String username) {
        return Optional.empty();
    }

    @Override
    public Optional<HostUser> findByKey(String userKey) {
        return Optional.empty();
    }

    @Override
    public boolean isMemberOf(String userKey, String group) {
        return false;
    }
}
