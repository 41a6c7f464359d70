package dev.apitokens.core.internal;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.Page;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.RevocationFeed;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenService}: creation is {@link TokenCreation}, revocation (here and on the other nodes)
 * {@link TokenRevocation}, and the rest of management maps to the {@link TokenStore}; authentication is
 * {@link TokenAuthenticator}, backed by a {@link VerifiedTokenCache}, a {@link UsageRecorder} and, when configured,
 * {@link RehashOnUse}; rotation and leak handling are {@link TokenRotation}.
 */
@Component(service = TokenService.class, configurationPid = CoreTokenService.PID)
@Designate(ocd = CoreTokenService.Config.class)
public class CoreTokenService implements TokenService {

    static final String PID = "dev.apitokens.core";

    private static final Logger LOG = LoggerFactory.getLogger(CoreTokenService.class);

    @ObjectClassDefinition(name = "API tokens: core",
            description = "The token service: verified-token cache, write-behind of usage, re-hash on use.")
    public @interface Config {

        @AttributeDefinition(name = "Cache size", min = "0",
                description = "Most verified tokens kept in memory so that repeated calls skip the slow hash; "
                        + "0 turns the cache off.")
        int cacheMaxEntries() default 10000;

        @AttributeDefinition(name = "Cache time to live (seconds)", min = "0",
                description = "How long a verification is reused. Revocations on this node apply at once, and "
                        + "those on other nodes within the revocation feed's poll interval (a second); without a "
                        + "revocation feed this bounds how long a token revoked on another node keeps working here.")
        int cacheTtlSeconds() default 300;

        @AttributeDefinition(name = "Usage flush interval (seconds)", min = "1",
                description = "How often usage counts and last-accessed times are written to the database, in "
                        + "one batch; also written on shutdown.")
        int usageFlushIntervalSeconds() default 5;

        @AttributeDefinition(name = "Re-hash on use",
                description = "After a successful authentication whose stored hash uses another algorithm than "
                        + "the default hasher, or outdated parameters, replace it by a hash of the default hasher "
                        + "(in the background, once).")
        boolean rehashOnUse() default false;

        @AttributeDefinition(name = "Rotated-away records retention (days)", min = "0",
                description = "Rotated-away secrets are remembered so that presenting one again revokes its "
                        + "successor (a leak). Their records are forgotten when the pruning finds the token gone or "
                        + "expired, and also after this many days; 0 keeps them as long as the token lives.")
        int rotatedRetentionDays() default 0;
    }

    @Reference(service = Hasher.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, fieldOption = FieldOption.REPLACE)
    volatile List<Map.Entry<Map<String, Object>, Hasher>> hashers = List.of();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile LicenseGate licenseGate;

    /** Event Admin, when the host runs one: audit events are posted to it (see {@link AuditTrail}). */
    @Reference(service = org.osgi.service.event.EventAdmin.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Object eventAdmin;

    private final TokenStore store;
    private final HostUsers users;
    private final AdminPolicy policy;
    private final Clock clock;
    private final AuditTrail audit;
    private final LicenseWatch licenseWatch;
    private final TokenFormat format = new TokenFormat(new SecureRandom());
    private final TokenRequestValidator validator = new TokenRequestValidator();
    private final VerifiedTokenCache cache;
    private final UsageRecorder usage;
    private final TokenAuthenticator authenticator;
    private final ScheduledExecutorService flusher;
    private final ExecutorService rehasher;
    private final ScheduledFuture<?> flushTask;
    private final RotatedRecordsSweep rotatedSweep;
    private final TokenCreation creation;
    private final TokenRevocation revocation;
    private final TokenRotation rotation;
    private volatile RankedHashers ranked = RankedHashers.NONE;

    @Activate
    public CoreTokenService(@Reference(name = "store") TokenStore store, @Reference(name = "users") HostUsers users,
            @Reference(name = "policy") AdminPolicy policy, Config config) {
        this(store, users, policy, config, Clock.systemUTC(),
                Executors.newSingleThreadScheduledExecutor(daemonThreads("api-tokens-usage-flush")),
                // Bounded: a burst of outdated tokens must not queue secrets without limit; overflow retries later.
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
                        daemonThreads("api-tokens-rehash")));
    }

    /** Without a policy: for tests and benchmarks that build the service without Declarative Services. */
    public CoreTokenService(TokenStore store, HostUsers users, Config config) {
        this(store, users, new AdminPolicy(users, TokenPolicy.UNRESTRICTED, Clock.systemUTC()), config);
    }

    CoreTokenService(TokenStore store, HostUsers users, Config config, Clock clock,
            ScheduledExecutorService flusher, ExecutorService rehasher) {
        this(store, users, new AdminPolicy(users, TokenPolicy.UNRESTRICTED, clock), config, clock, flusher, rehasher);
    }

    CoreTokenService(TokenStore store, HostUsers users, AdminPolicy policy, Config config, Clock clock,
            ScheduledExecutorService flusher, ExecutorService rehasher) {
        this.store = store;
        this.users = users;
        this.policy = policy;
        this.clock = clock;
        this.flusher = flusher;
        this.rehasher = rehasher;
        this.audit = new AuditTrail(() -> eventAdmin, clock);
        this.licenseWatch = new LicenseWatch(() -> licenseGate, audit);
        cache = new VerifiedTokenCache(config.cacheMaxEntries(), Duration.ofSeconds(config.cacheTtlSeconds()));
        usage = new UsageRecorder(store);
        rotatedSweep = new RotatedRecordsSweep(store, clock, config.rotatedRetentionDays());
        RehashOnUse rehash = config.rehashOnUse()
                ? new RehashOnUse(store, rehasher, id -> cache.evictIf(e -> e.publicId().equals(id)))
                : null;
        revocation = new TokenRevocation(store, cache, audit, config.cacheTtlSeconds());
        creation = new TokenCreation(store, users, policy, validator, format, this::rankedHashers, audit, clock);
        rotation = new TokenRotation(store, policy, format, this::rankedHashers, cache, revocation::tellOtherNodes,
                audit, clock);
        authenticator = new TokenAuthenticator(store, users, this::rankedHashers, () -> licenseGate, cache, usage,
                rehash, clock, rotation::leaked);
        long interval = Math.max(1, config.usageFlushIntervalSeconds());
        flushTask = flusher.scheduleWithFixedDelay(this::scheduledFlush, interval, interval, TimeUnit.SECONDS);
    }

    /** The cluster's revocations: the store's log in the shared database, or a host adapter's messaging. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindRevocationFeed")
    void bindRevocationFeed(RevocationFeed feed) {
        revocation.bindFeed(feed);
    }

    void unbindRevocationFeed(RevocationFeed feed) {
        revocation.unbindFeed(feed);
    }

    @Deactivate
    void deactivate() {
        revocation.closeSubscription();
        flushTask.cancel(false);
        flusher.shutdown();
        // Queued re-hashes are dropped: the store may go away with us, and the next use after a restart retries.
        rehasher.shutdownNow();
        // flush() is synchronized, so this waits for a scheduled flush that is running and then writes the rest.
        usage.close();
    }

    @Override
    public CreatedToken create(String ownerKey, TokenRequest request, String createdByKey) {
        return creation.create(ownerKey, request, createdByKey);
    }

    @Override
    public void throttled(String tokenId, String claimedUsername, String clientAddress) {
        audit.post(AuditEvents.TOKEN_THROTTLED, null, null, tokenId,
                "from " + clientAddress + (claimedUsername == null ? "" : " as " + claimedUsername));
    }

    @Override
    public List<TokenInfo> list(String userKey) {
        return store.findByUser(userKey).stream().map(CoreTokenService::toInfo).toList();
    }

    @Override
    public Optional<TokenInfo> find(String tokenId) {
        if (!TokenFormat.isPublicId(tokenId)) {
            return Optional.empty();
        }
        return store.findByPublicId(tokenId).map(CoreTokenService::toInfo);
    }

    @Override
    public Optional<CreatedToken> rotate(String userKey, String tokenId) {
        return owned(userKey, tokenId).flatMap(old -> rotation.rotate(userKey, old));
    }

    @Override
    public boolean rename(String userKey, String tokenId, String label) {
        String valid = validator.label(label);
        if (owned(userKey, tokenId).isEmpty() || !store.rename(tokenId, valid)) {
            return false;
        }
        audit.post(AuditEvents.TOKEN_RENAMED, userKey, userKey, tokenId, valid);
        return true;
    }

    private Optional<StoredToken> owned(String userKey, String tokenId) {
        if (!TokenFormat.isPublicId(tokenId)) {
            return Optional.empty();
        }
        return store.findByPublicId(tokenId).filter(t -> t.userKey().equals(userKey));
    }

    @Override
    public boolean revoke(String userKey, String tokenId) {
        return revocation.revoke(userKey, tokenId);
    }

    @Override
    public int revokeAll(String userKey) {
        return revokeAll(userKey, userKey);
    }

    @Override
    public int revokeAll(String userKey, String actorKey) {
        return revocation.revokeAll(userKey, actorKey);
    }

    @Override
    public Page<TokenInfo> listAll(TokenQuery query) {
        Page<StoredToken> page = store.find(query);
        return new Page<>(page.items().stream().map(CoreTokenService::toInfo).toList(), page.total(), page.offset(),
                page.limit());
    }

    @Override
    public boolean revokeAny(String tokenId) {
        return revokeAny(tokenId, null);
    }

    @Override
    public boolean revokeAny(String tokenId, String adminKey) {
        return revocation.revokeAs(AuditEvents.TOKEN_REVOKED_BY_ADMIN, tokenId, adminKey, null);
    }

    @Override
    public boolean prune(String tokenId, String reason) {
        boolean pruned = revocation.revokeAs(AuditEvents.TOKEN_PRUNED, tokenId, null, reason);
        rotatedSweep.runIfDue();
        return pruned;
    }

    @Override
    public boolean isTokenFormat(String candidate) {
        return TokenFormat.isWellFormed(candidate);
    }

    @Override
    public AuthenticationResult authenticate(String username, String presentedToken, String clientAddress) {
        return authenticator.authenticate(username, presentedToken, clientAddress);
    }

    /** Writes pending usage now (the scheduled task, deactivation, tests). */
    int flushUsage() {
        return usage.flush();
    }

    private void scheduledFlush() {
        try {
            flushUsage();
        } catch (RuntimeException e) {
            // An escaping exception would cancel the schedule for good.
            LOG.error("Writing API token usage failed", e);
        }
        licenseWatch.check();
    }

    /** The hashers ranked, recomputed only when DS replaced the list. */
    RankedHashers rankedHashers() {
        List<Map.Entry<Map<String, Object>, Hasher>> current = hashers;
        RankedHashers known = ranked;
        if (!known.isFrom(current)) {
            known = RankedHashers.of(current);
            ranked = known;
        }
        return known;
    }

    VerifiedTokenCache cache() {
        return cache;
    }

    @Override
    public TokenPolicy policy() {
        return policy.settings();
    }

    @Override
    public boolean mayCreate(String userKey) {
        return users.findByKey(userKey).map(policy::mayCreate).orElse(false);
    }

    @Override
    public List<String> policyViolations(TokenInfo token) {
        return policy.violations(token);
    }

    static TokenInfo toInfo(StoredToken token) {
        return new TokenInfo(token.publicId(), token.storeId(), token.userKey(), token.label(), token.createdAt(),
                token.lastAccessed(), token.usageCount(), token.expiresAt(), RankedHashers.algorithmOf(token.hash()),
                token.scopes(), token.allowedPaths(), token.allowedIps(), token.createdBy(), token.lastAddresses());
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
