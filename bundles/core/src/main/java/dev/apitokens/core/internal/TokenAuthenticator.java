package dev.apitokens.core.internal;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.IpRange;
import dev.apitokens.api.TokenScope;
import dev.apitokens.api.TokenService;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.LicenseStatus;
import dev.apitokens.spi.PhcString;
import dev.apitokens.spi.RotatedToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.apitokens.api.AuthenticationResult.Reason;
import dev.apitokens.core.internal.VerifiedTokenCache.Entry;

/**
 * {@code TokenService.authenticate}: format, lookup, hash, then expiry, user, owner and license, in that order, so
 * that nothing about a token is revealed (not even that it expired) before its secret was proven.
 */
final class TokenAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);

    /** A hash of random bytes, verified when the id is unknown so that a wrong id costs what a wrong secret does. */
    private record DummyHash(Hasher hasher, PhcString hash) {
    }

    private final TokenStore store;
    private final HostUsers users;
    private final Supplier<RankedHashers> hashers;
    private final Supplier<LicenseGate> licenseGate;
    private final VerifiedTokenCache cache;
    private final UsageRecorder usage;
    /** {@code null} when re-hashing on use is off. */
    private final RehashOnUse rehash;
    private final Clock clock;
    /** Told of each rotated-away secret presented again with its right secret. */
    private final Consumer<RotatedToken> leaks;
    private volatile DummyHash dummy;
    /** The last client address and its normalised form: most requests come from the same client as the one before. */
    private volatile ClientAddress lastClient;
    /** The last hashers and stored hash found to have a hasher installed: a cache hit's check, once per token. */
    private volatile HasherFound lastHasherFound;

    private record ClientAddress(String presented, String normalised) {
    }

    private record HasherFound(RankedHashers hashers, String storedHash) {
    }

    TokenAuthenticator(TokenStore store, HostUsers users, Supplier<RankedHashers> hashers,
            Supplier<LicenseGate> licenseGate, VerifiedTokenCache cache, UsageRecorder usage, RehashOnUse rehash,
            Clock clock, Consumer<RotatedToken> leaks) {
        this.leaks = leaks;
        this.store = store;
        this.users = users;
        this.hashers = hashers;
        this.licenseGate = licenseGate;
        this.cache = cache;
        this.usage = usage;
        this.rehash = rehash;
        this.clock = clock;
    }

    AuthenticationResult authenticate(String username, String presented, String clientAddress) {
        Optional<String> parsed = TokenFormat.parse(presented);
        if (parsed.isEmpty()) {
            return refuse(Reason.MALFORMED, null, "not an API token (format or checksum)");
        }
        String publicId = parsed.get();
        // one reading of the clock per request: it costs as much as a map lookup
        Instant now = clock.instant();
        String cacheKey = cache.isEnabled() ? cache.keyOf(presented) : null;
        Entry verified = cacheKey == null ? null : cache.get(cacheKey, now);
        if (verified != null && !hasHasherFor(verified)) {
            // Its hasher was uninstalled since: verify again, which refuses the token and logs the missing algorithm.
            verified = null;
        }
        if (verified == null) {
            long epoch = cache.epoch();
            VerifiedOrRefused outcome = verify(publicId, presented, now);
            if (outcome.refusal() != null) {
                return outcome.refusal();
            }
            verified = outcome.entry();
            if (cacheKey != null && !isExpired(verified, now)) {
                cache.put(cacheKey, verified, epoch);
            }
        }
        return checkUse(username, verified, now, clientAddress);
    }

    private record VerifiedOrRefused(Entry entry, AuthenticationResult refusal) {
    }

    /** The store lookup and hash verification that a cache hit skips. */
    private VerifiedOrRefused verify(String publicId, String presented, Instant now) {
        StoredToken stored;
        try {
            stored = store.findByPublicId(publicId).orElse(null);
        } catch (TokenStoreUnavailableException e) {
            return refused(Reason.STORE_UNAVAILABLE, publicId, e.getMessage());
        }
        byte[] secret = presented.getBytes(StandardCharsets.UTF_8);
        RankedHashers ranked = hashers.get();
        if (stored == null) {
            return unknown(publicId, secret, ranked);
        }
        PhcString hash;
        try {
            hash = PhcString.parse(stored.hash());
        } catch (IllegalArgumentException e) {
            LOG.error("The stored hash of API token {} is unreadable: {}", publicId, e.getMessage());
            return refused(Reason.WRONG_SECRET, publicId, "stored hash unreadable");
        }
        Optional<Hasher> verifier = ranked.forAlgorithm(hash.id());
        if (verifier.isEmpty()) {
            return refused(Reason.HASHER_MISSING, publicId,
                    "no Hasher installed for algorithm " + hash.id() + "; install the bundle that provides it");
        }
        if (!safeVerify(verifier.get(), secret, hash)) {
            return refused(Reason.WRONG_SECRET, publicId, "secret does not match");
        }
        Hasher preferred = ranked.preferred().orElseThrow();
        if (rehash != null && RehashOnUse.isOutdated(verifier.get(), hash, preferred)) {
            rehash.schedule(publicId, presented, stored.hash(), preferred);
        }
        return new VerifiedOrRefused(new Entry(publicId, stored.userKey(), stored.expiresAt(), stored.hash(), now,
                TokenScope.of(stored.scopes()), stored.allowedPaths(), ranges(stored.allowedIps())), null);
    }

    /**
     * An id not in the token table: never created, revoked, or rotated away. A rotated-away secret presented
     * again is a leak (whoever holds it may hold its successor too): the successor is revoked. Either way the
     * secret is hashed once, as for a wrong secret.
     */
    private VerifiedOrRefused unknown(String publicId, byte[] secret, RankedHashers ranked) {
        Optional<RotatedToken> rotated;
        try {
            rotated = store.findRotated(publicId);
        } catch (TokenStoreUnavailableException e) {
            return refused(Reason.STORE_UNAVAILABLE, publicId, e.getMessage());
        }
        if (rotated.isPresent()) {
            Optional<Hasher> verifier = algorithmOf(rotated.get().hash()).flatMap(ranked::forAlgorithm);
            if (verifier.isPresent() && safeVerify(verifier.get(), secret, PhcString.parse(rotated.get().hash()))) {
                leaks.accept(rotated.get());
                return refused(Reason.UNKNOWN_TOKEN, publicId, "a rotated-away secret was presented again; its "
                        + "successor " + rotated.get().successorId() + " was revoked");
            }
            return refused(Reason.UNKNOWN_TOKEN, publicId, "rotated away, and the secret does not match");
        }
        burnDummyVerify(ranked, secret);
        return refused(Reason.UNKNOWN_TOKEN, publicId, "no such token");
    }

    private static Optional<String> algorithmOf(String hash) {
        try {
            return Optional.of(PhcString.parse(hash).id());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<IpRange> ranges(List<String> allowedIps) {
        List<IpRange> ranges = new ArrayList<>(allowedIps.size());
        for (String allowed : allowedIps) {
            // validated at creation; an entry damaged in the database allows nothing
            IpRange.parse(allowed).ifPresent(ranges::add);
        }
        if (ranges.isEmpty() && !allowedIps.isEmpty()) {
            LOG.error("No readable entry in the allowed IPs {} of an API token: it is refused from everywhere",
                    allowedIps);
            ranges.add(IpRange.parse("0.0.0.0/32").orElseThrow());
        }
        return List.copyOf(ranges);
    }

    /** The checks repeated on every use, cached or not. */
    private AuthenticationResult checkUse(String username, Entry verified, Instant now, String clientAddress) {
        String publicId = verified.publicId();
        if (isExpired(verified, now)) {
            return refuse(Reason.EXPIRED, publicId, "expired at " + verified.expiresAt());
        }
        byte[] address = verified.allowedIps().isEmpty() ? null : IpRange.addressBytes(clientAddress);
        if (!verified.allowedIps().isEmpty() && !isAllowed(verified.allowedIps(), address)) {
            return refuse(Reason.ADDRESS_NOT_ALLOWED, publicId, "client address " + clientAddress
                    + " is not in the token's allowed IPs " + verified.allowedIps());
        }
        // A blank username (HTTP Basic ":token") is treated as absent: the token names its owner.
        if (username != null && !username.isBlank()) {
            Optional<HostUser> named = users.findByName(username);
            if (named.isEmpty() || !named.get().key().equals(verified.userKey())) {
                return refuse(Reason.WRONG_USER, publicId, "token does not belong to the user named in the request");
            }
        }
        Optional<HostUser> owner = users.findByKey(verified.userKey());
        if (owner.isEmpty()) {
            return refuse(Reason.USER_UNKNOWN, publicId, "owner no longer exists");
        }
        if (!owner.get().active()) {
            return refuse(Reason.USER_INACTIVE, publicId, "owner is deactivated");
        }
        LicenseStatus license = licenseStatus();
        if (license == null || !license.allowsAuthentication()) {
            return refuse(Reason.NOT_LICENSED, publicId,
                    license == null ? "no license gate installed" : "license " + license.state());
        }
        usage.record(publicId, now, normalised(clientAddress, address));
        if (LOG.isInfoEnabled()) {
            // the seed's line, byte for byte; concatenated rather than formatted, which cost more than the rest of
            // a cache hit (the same text: slf4j never formats inside an argument)
            LOG.info(owner.get().name() + " has been authenticated via API Token (" + publicId + ")");
        }
        return AuthenticationResult.success(owner.get(), publicId, verified.scope(), verified.allowedPaths());
    }

    private static boolean isAllowed(List<IpRange> allowed, byte[] address) {
        if (address == null) {
            return false;
        }
        for (IpRange range : allowed) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The client address as the usage records it, or {@code null} if it is not an IP address. */
    private String normalised(String clientAddress, byte[] parsed) {
        if (clientAddress == null) {
            return null;
        }
        ClientAddress last = lastClient;
        if (last != null && last.presented().equals(clientAddress)) {
            return last.normalised();
        }
        byte[] address = parsed != null ? parsed : IpRange.addressBytes(clientAddress);
        String normalised = address == null ? null : IpRange.normalise(address);
        lastClient = new ClientAddress(clientAddress, normalised);
        return normalised;
    }

    private boolean hasHasherFor(Entry entry) {
        RankedHashers ranked = hashers.get();
        HasherFound last = lastHasherFound;
        // the same snapshot of the hashers, and the same stored hash (the cached entry's own string)
        if (last != null && last.hashers() == ranked && last.storedHash() == entry.storedHash()) {
            return true;
        }
        String algorithm = RankedHashers.algorithmOf(entry.storedHash());
        boolean found = algorithm != null && ranked.forAlgorithm(algorithm).isPresent();
        if (found) {
            lastHasherFound = new HasherFound(ranked, entry.storedHash());
        }
        return found;
    }

    private boolean isExpired(Entry entry, Instant now) {
        return entry.expiresAt() != null && !now.isBefore(entry.expiresAt());
    }

    private LicenseStatus licenseStatus() {
        LicenseGate gate = licenseGate.get();
        if (gate == null) {
            return null;
        }
        try {
            return gate.status();
        } catch (RuntimeException e) {
            LOG.error("The license gate failed; refusing token authentication", e);
            return null;
        }
    }

    private void burnDummyVerify(RankedHashers ranked, byte[] secret) {
        Optional<Hasher> preferred = ranked.preferred();
        if (preferred.isEmpty()) {
            return;
        }
        try {
            DummyHash current = dummy;
            if (current == null || current.hasher() != preferred.get()) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                current = new DummyHash(preferred.get(), PhcString.parse(preferred.get().hash(random)));
                dummy = current;
            }
            safeVerify(current.hasher(), secret, current.hash());
        } catch (RuntimeException e) {
            LOG.error("Hasher {} failed to make a hash", preferred.get().algorithm(), e);
        }
    }

    /** A hasher is a plug-in: one that throws must not turn a refusal into an error page. */
    private static boolean safeVerify(Hasher hasher, byte[] secret, PhcString hash) {
        try {
            return hasher.verify(secret, hash);
        } catch (RuntimeException e) {
            LOG.error("Hasher {} failed to verify a hash", hasher.algorithm(), e);
            return false;
        }
    }

    private static VerifiedOrRefused refused(Reason reason, String publicId, String detail) {
        return new VerifiedOrRefused(null, refuse(reason, publicId, detail));
    }

    private static AuthenticationResult refuse(Reason reason, String publicId, String detail) {
        // The caller (the filter) logs each refusal once, with the client address this class does not know.
        LOG.debug("API token authentication refused ({}) for token {}: {}", reason, publicId, detail);
        return AuthenticationResult.failure(reason, publicId, detail);
    }
}
