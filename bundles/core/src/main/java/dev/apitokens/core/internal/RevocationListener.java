package dev.apitokens.core.internal;

import dev.apitokens.spi.Revocation;
import dev.apitokens.spi.RevocationFeed;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Drops from the cache what the cluster's revocation feed says was revoked, on any node. */
final class RevocationListener implements RevocationFeed.Listener {

    private final VerifiedTokenCache cache;

    RevocationListener(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public void revoked(List<Revocation> revocations) {
        Set<String> tokens = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (Revocation revocation : revocations) {
            (revocation.kind() == Revocation.Kind.TOKEN ? tokens : users).add(revocation.subject());
        }
        cache.evictIf(entry -> tokens.contains(entry.publicId()) || users.contains(entry.userKey()));
    }

    @Override
    public void missed() {
        cache.evictIf(entry -> true);
    }
}
