package dev.apitokens.core.internal;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import dev.apitokens.spi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Upgrades a stored hash after the token was used successfully: only then do we hold the secret. Runs on an
 * executor so that the request never waits for the (deliberately slow) new hash, and at most once at a time per
 * token; the store's compare-and-set keeps two cluster nodes from overwriting each other.
 */
final class RehashOnUse {

    private static final Logger LOG = LoggerFactory.getLogger(RehashOnUse.class);

    private final TokenStore store;
    private final Executor executor;
    /** Told the public id after its hash was replaced, so that cached copies of the old hash go. */
    private final Consumer<String> onReplaced;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    RehashOnUse(TokenStore store, Executor executor, Consumer<String> onReplaced) {
        this.store = store;
        this.executor = executor;
        this.onReplaced = onReplaced;
    }

    /** Whether a hash verified by {@code verifier} should be replaced by one of {@code preferred}. */
    static boolean isOutdated(Hasher verifier, PhcString stored, Hasher preferred) {
        return verifier != preferred || verifier.needsRehash(stored);
    }

    /** Schedules the replacement of {@code oldHash} by a hash of {@code token} under {@code preferred}. */
    void schedule(String publicId, String token, String oldHash, Hasher preferred) {
        if (!inFlight.add(publicId)) {
            return;
        }
        try {
            executor.execute(() -> replace(publicId, token, oldHash, preferred));
        } catch (RejectedExecutionException e) {
            // Shutting down: the next use after a restart will try again.
            inFlight.remove(publicId);
        }
    }

    private void replace(String publicId, String token, String oldHash, Hasher preferred) {
        try {
            String newHash = preferred.hash(token.getBytes(StandardCharsets.UTF_8));
            if (store.replaceHash(publicId, oldHash, newHash)) {
                LOG.info("Re-hashed API token {} from {} to {}", publicId, RankedHashers.algorithmOf(oldHash),
                        preferred.algorithm());
                onReplaced.accept(publicId);
            } else {
                LOG.debug("API token {} was revoked or re-hashed elsewhere meanwhile", publicId);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not re-hash API token {}: {}", publicId, e.toString());
        } finally {
            inFlight.remove(publicId);
        }
    }
}
