package dev.apitokens.housekeeping.internal;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.HostNotices;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.spi.TokenStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.event.propertytypes.EventTopics;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.apitokens.store.ao.AuditLog;
import dev.apitokens.store.ao.ClusterLease;
import dev.apitokens.store.ao.SentNotices;
import dev.apitokens.store.ao.TablePrefix;

/**
 * The scheduled work of the token system, run once per cluster: every node ticks every
 * {@code checkIntervalSeconds} and tries to take the lease {@value #LEASE} in {@code AO_<hash>_LEASE}
 * ({@link ClusterLease}); only its holder works. It sends the due expiry notices on every tick
 * ({@link ExpiryNotices}) and, once per {@code dailyJobsIntervalHours} in the whole cluster (claimed with the
 * lease row {@value #DAILY}), prunes tokens ({@link Pruning}), deletes audit events older than the retention and
 * forgets old notice records.
 *
 * <p>It also turns audit events into notices to the owner: a token created, revoked by an administrator, or
 * revoked by pruning. Those events are posted only on the node where the change happened, so each is sent once.
 *
 * <p>Immediate: as a plain service component DS would create it only when Event Admin first delivers one of these
 * events, so a node where no token was created since its start (or since this configuration changed: DS then
 * replaces the instance) would never tick.
 */
@Component(service = EventHandler.class, configurationPid = Housekeeping.PID, immediate = true)
@Designate(ocd = Housekeeping.Config.class)
@EventTopics({AuditEvents.TOPIC_PREFIX + AuditEvents.TOKEN_CREATED,
        AuditEvents.TOPIC_PREFIX + AuditEvents.TOKEN_REVOKED_BY_ADMIN,
        AuditEvents.TOPIC_PREFIX + AuditEvents.TOKEN_PRUNED,
        AuditEvents.TOPIC_PREFIX + AuditEvents.TOKEN_LEAK_DETECTED})
public class Housekeeping implements EventHandler {

    static final String PID = "dev.apitokens.housekeeping";
    static final String LEASE = "housekeeping";
    static final String DAILY = "housekeeping-daily";
    /** How long notice records are kept; far longer than any token stays in a notice window. */
    static final Duration NOTICE_RETENTION = Duration.ofDays(90);

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    @ObjectClassDefinition(name = "API tokens: housekeeping",
            description = "Scheduled pruning, audit retention and notices to token owners, run by one node of the "
                    + "cluster at a time (a lease row in AO_<hash>_LEASE).")
    public @interface Config {

        @AttributeDefinition(name = "Data source filter",
                description = "LDAP filter selecting the javax.sql.DataSource service the token tables live in.")
        String dataSource_target() default "(objectClass=javax.sql.DataSource)";

        @AttributeDefinition(name = "Schema", description = "Schema of the lease and notice tables on H2 and "
                + "PostgreSQL; empty for the connection's current schema.")
        String schema() default "";

        @AttributeDefinition(name = "Check interval (seconds)", min = "1",
                description = "How often each node tries to take or renew the lease; the holder then sends the "
                        + "due expiry notices and runs the daily jobs when they are due.")
        int checkIntervalSeconds() default 60;

        @AttributeDefinition(name = "Lease (seconds)", min = "2",
                description = "How long a node holds the lease after taking or renewing it; another node takes "
                        + "over this long after the holder stopped. Longer than the check interval.")
        int leaseSeconds() default 300;

        @AttributeDefinition(name = "Daily jobs interval (hours)", min = "1",
                description = "How often, in the whole cluster, pruning and audit retention run.")
        int dailyJobsIntervalHours() default 24;

        @AttributeDefinition(name = "Delete expired tokens after (days)",
                description = "Expired tokens are deleted this many days after their expiry; -1 for never.")
        int pruneExpiredAfterDays() default 30;

        @AttributeDefinition(name = "Revoke unused tokens after (days)",
                description = "Tokens not used for this many days (never used: since their creation) are "
                        + "revoked; 0 for never.")
        int revokeIdleAfterDays() default 0;

        @AttributeDefinition(name = "Revoke tokens of gone users",
                description = "Revoke the tokens of users the host no longer knows or has deactivated.")
        boolean revokeTokensOfGoneUsers() default true;

        @AttributeDefinition(name = "Audit retention (days)",
                description = "Audit events older than this are deleted; 0 to keep them forever.")
        int auditRetentionDays() default 365;

        @AttributeDefinition(name = "Notice days before expiry",
                description = "Owners are notified this many days before a token expires, once per number.")
        int[] noticeDaysBeforeExpiry() default {7, 1};

        @AttributeDefinition(name = "Notice on expiry", description = "Notify the owner when a token has expired.")
        boolean noticeOnExpiry() default true;

        @AttributeDefinition(name = "Notice on creation",
                description = "Notify the owner when a token is created for their account.")
        boolean noticeOnCreation() default true;

        @AttributeDefinition(name = "Notice on revocation by others",
                description = "Notify the owner when an administrator, pruning or leak detection on rotation revokes one of their tokens.")
        boolean noticeOnRevocationByOthers() default true;

        @AttributeDefinition(name = "Administrator copies",
                description = "E-mail addresses that get a blind copy of every notice; empty for none.")
        String[] adminCopies() default {};

        @AttributeDefinition(name = "Clock offset (test only)",
                description = "TEST ONLY: an ISO-8601 duration (e.g. P8D) added to the clock of these jobs, so "
                        + "that end-to-end tests see days pass without waiting. Only the standalone host reads "
                        + "configuration; leave empty.")
        String clockOffset() default "";
    }

    /** The host's notice delivery (e-mail); without it no notices are sent. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HostNotices notices;

    private final Clock clock;
    private final String node;
    private final Duration checkInterval;
    private final Duration lease;
    private final Duration dailyInterval;
    private final int auditRetentionDays;
    private final Config config;
    private final Tables tables;
    private final Notifier notifier;
    private final Pruning pruning;
    private final TokenStore store;
    private final ScheduledExecutorService executor;
    private ExpiryNotices expiryNotices;
    private boolean toldNoDelivery;

    @Activate
    public Housekeeping(@Reference(name = "store") TokenStore store,
            @Reference(name = "storeProperties", service = TokenStore.class) Map<String, Object> storeProperties,
            @Reference(name = "tokens") TokenService tokens, @Reference(name = "users") HostUsers users,
            @Reference(name = "dataSource") DataSource dataSource, Config config, BundleContext context) {
        this(store, tokens, users, new Tables(TablePrefix.ofTokenTable(storeProperties.get(TokenStore.TABLE)),
                dataSource, config.schema()), config, clock(config.clockOffset()), nodeName(context),
                Executors.newSingleThreadScheduledExecutor(Housekeeping::thread));
        long interval = Math.max(1, config.checkIntervalSeconds());
        executor.scheduleWithFixedDelay(this::tick, Math.min(interval, 5), interval, TimeUnit.SECONDS);
        LOG.info("API token housekeeping on node {}: checks every {} s for the lease {} in {}", node, interval, LEASE,
                tables.prefix + "_LEASE");
    }

    Housekeeping(TokenStore store, TokenService tokens, HostUsers users, Tables tables, Config config, Clock clock,
            String node, ScheduledExecutorService executor) {
        this.store = store;
        this.tables = tables;
        this.config = config;
        this.clock = clock;
        this.node = node;
        this.executor = executor;
        this.checkInterval = Duration.ofSeconds(Math.max(1, config.checkIntervalSeconds()));
        this.lease = Duration.ofSeconds(Math.max(config.leaseSeconds(), 2 * config.checkIntervalSeconds()));
        this.dailyInterval = Duration.ofHours(Math.max(1, config.dailyJobsIntervalHours()));
        this.auditRetentionDays = config.auditRetentionDays();
        this.notifier = new Notifier(users, () -> notices, Arrays.asList(config.adminCopies()));
        this.pruning = new Pruning(store, tokens, users, config.pruneExpiredAfterDays(), config.revokeIdleAfterDays(),
                config.revokeTokensOfGoneUsers());
    }

    /**
     * One check: take or renew the lease and, if this node holds it, do what is due. Never throws (a failure is
     * logged and the next tick tries again).
     */
    void tick() {
        try {
            Instant now = clock.instant();
            if (!tables.lease().acquire(LEASE, node, now.toEpochMilli(), now.plus(lease).toEpochMilli())) {
                return;
            }
            sendExpiryNotices(now);
            if (tables.lease().claimIfDue(DAILY, node, now.toEpochMilli(), now.plus(dailyInterval).toEpochMilli())) {
                runDailyJobs(now);
            }
        } catch (RuntimeException e) {
            LOG.warn("API token housekeeping failed, will retry in {} s: {}", checkInterval.toSeconds(),
                    e.getMessage());
        }
    }

    private void sendExpiryNotices(Instant now) {
        if (!notifier.canDeliver()) {
            if (!toldNoDelivery) {
                LOG.info("API token housekeeping: the host delivers no notices (no HostNotices service, e.g. no mail "
                        + "server configured); expiry notices are not sent");
                toldNoDelivery = true;
            }
            return;
        }
        toldNoDelivery = false;
        if (expiryNotices == null) {
            expiryNotices = new ExpiryNotices(store, tables.notices(), notifier, config.noticeDaysBeforeExpiry(),
                    config.noticeOnExpiry());
        }
        expiryNotices.run(now);
    }

    private void runDailyJobs(Instant now) {
        Pruning.Result pruned = pruning.run(now);
        int audit = auditRetentionDays <= 0 ? 0
                : tables.audit().deleteOlderThan(now.minus(Duration.ofDays(auditRetentionDays)).toEpochMilli());
        int notices = tables.notices().deleteOlderThan(now.minus(NOTICE_RETENTION).toEpochMilli());
        LOG.info("API token housekeeping on node {}: {} expired tokens deleted, {} unused and {} of gone users "
                + "revoked, {} audit events and {} notice records past retention deleted", node, pruned.expired(),
                pruned.idle(), pruned.ownerGone(), audit, notices);
    }

    @Override
    public void handleEvent(Event event) {
        // off Event Admin's thread: a slow mail server must not hold up its other handlers
        executor.execute(() -> noticeFor(event));
    }

    void noticeFor(Event event) {
        String type = text(event, AuditEvents.TYPE);
        String user = text(event, AuditEvents.USER);
        String tokenId = text(event, AuditEvents.TOKEN_ID);
        String detail = text(event, AuditEvents.DETAIL);
        Instant at = event.getProperty(AuditEvents.TIMESTAMP) instanceof Number n ? Instant.ofEpochMilli(n.longValue())
                : clock.instant();
        if (user == null || tokenId == null || !notifier.canDeliver()) {
            return;
        }
        try {
            if (AuditEvents.TOKEN_CREATED.equals(type) && config.noticeOnCreation()) {
                String actor = text(event, AuditEvents.ACTOR);
                notifier.send("created", tokenId, user, u -> NoticeTexts.created(u, tokenId, detail, at,
                        actor == null || actor.equals(u.key()) ? null : actor));
            } else if (AuditEvents.TOKEN_REVOKED_BY_ADMIN.equals(type) && config.noticeOnRevocationByOthers()) {
                notifier.send("revoked-by-admin", tokenId, user, u -> NoticeTexts.revokedByAdmin(u, tokenId, at));
            } else if (AuditEvents.TOKEN_PRUNED.equals(type) && config.noticeOnRevocationByOthers()
                    && (detail == null || !detail.startsWith("expired"))) {
                // an expired token's deletion is no news: its owner had the expiry notices
                notifier.send("pruned", tokenId, user, u -> NoticeTexts.pruned(u, tokenId, at, detail));
            } else if (AuditEvents.TOKEN_LEAK_DETECTED.equals(type) && config.noticeOnRevocationByOthers()) {
                notifier.send("leaked", tokenId, user, u -> NoticeTexts.leaked(u, tokenId, at));
            }
        } catch (RuntimeException e) {
            LOG.warn("API token notice for {} of token {} failed: {}", type, tokenId, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
            tables.releaseLease(LEASE, node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Could not release the housekeeping lease: {}", e.getMessage());
        } finally {
            tables.close();
        }
    }

    static Clock clock(String offset) {
        if (offset == null || offset.isBlank()) {
            return Clock.systemUTC();
        }
        Duration duration = Duration.parse(offset.trim());
        LOG.warn("API token housekeeping runs on a clock moved by {} (clockOffset: a test-only setting)", duration);
        return Clock.offset(Clock.systemUTC(), duration);
    }

    private static String nodeName(BundleContext context) {
        String uuid = context.getProperty("org.osgi.framework.uuid");
        String id = uuid == null ? UUID.randomUUID().toString() : uuid;
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "/" + id.substring(0, 8);
    }

    private static Thread thread(Runnable task) {
        Thread thread = new Thread(task, "api-tokens-housekeeping");
        thread.setDaemon(true);
        return thread;
    }

    private static String text(Event event, String key) {
        Object value = event.getProperty(key);
        return value == null ? null : value.toString();
    }

}
