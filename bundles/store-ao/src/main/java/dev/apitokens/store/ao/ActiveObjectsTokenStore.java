package dev.apitokens.store.ao;

import dev.apitokens.api.Page;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.Revocation;
import dev.apitokens.spi.RevocationFeed;
import dev.apitokens.spi.RotatedToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import dev.apitokens.spi.TokenUsage;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.java.ao.DBParam;
import net.java.ao.Query;

/**
 * The {@link TokenStore} on Active Objects, shared by the Jira and Confluence store bundles, which differ only in
 * the table prefix they pass ({@code AO_5D4005} / {@code AO_2DF51C}).
 *
 * <p>Active Objects creates and upgrades the table and does the row work it does well (insert, lookups, deletes).
 * Plain JDBC does what it cannot: the atomic usage increments (its {@code save()} is read-modify-write, which
 * loses increments when several cluster nodes write the same row), the compare-and-set of a hash, and the paged,
 * counted admin listing.
 *
 * <p>It is also the cluster's {@link RevocationFeed}: revocations are appended to {@code AO_<hash>_REVOCATION}
 * in the same database, which every node's {@link RevocationPoller} reads a few times a second.
 *
 * <p>If the database cannot be reached at construction the store still comes up and sets the table up on first
 * use, so that callers get {@link TokenStoreUnavailableException} (HTTP 503) rather than a missing service.
 */
public class ActiveObjectsTokenStore implements TokenStore, RevocationFeed {

    /** The store's configuration (PID {@value #PID}); the host's data source is found by the filter below. */
    @ObjectClassDefinition(id = "dev.apitokens.store", name = "API tokens: token store",
            description = "The Active Objects token store of Jira (AO_5D4005_TOKEN) or Confluence (AO_2DF51C_TOKEN).")
    public @interface Config {

        String PID = "dev.apitokens.store";

        @AttributeDefinition(name = "Data source filter",
                description = "LDAP filter selecting the javax.sql.DataSource service the tokens live in.")
        String dataSource_target() default "(objectClass=javax.sql.DataSource)";

        @AttributeDefinition(name = "Schema", description = "Schema of the token table on H2 and PostgreSQL; empty "
                + "for the connection's current schema (PUBLIC on H2, public on PostgreSQL). On MySQL and MariaDB "
                + "the table lives in the database named by the JDBC URL.")
        String schema() default "";

        @AttributeDefinition(name = "Usage batch size", min = "1",
                description = "Most usage updates sent to the database in one JDBC batch; larger flushes are sent "
                        + "as several batches in one transaction.")
        int usageBatchSize() default 500;

        @AttributeDefinition(name = "Revocation poll interval (milliseconds)", min = "10",
                description = "How often each node reads the revocation log (AO_<hash>_REVOCATION) for tokens "
                        + "revoked on other nodes: one indexed query per poll. Bounds how long a revoked token "
                        + "keeps working on another node.")
        int revocationPollMillis() default 250;

        @AttributeDefinition(name = "Revocation log retention (minutes)", min = "1",
                description = "How long revocation log rows are kept. A node that could not read the log for half "
                        + "this long forgets every verified token instead of catching up.")
        int revocationRetentionMinutes() default 10;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ActiveObjectsTokenStore.class);

    private final String tableName;
    private final TokenTableSetup setup;
    private final int usageBatchSize;
    private final Clock clock;
    private final RevocationLog revocationLog = new RevocationLog(this::table);
    private final RevocationPoller revocationPoller;

    /**
     * @param tablePrefix the Active Objects table prefix, {@code AO_} and six upper-case hex digits
     * @param dataSource the host's database
     */
    public ActiveObjectsTokenStore(String tablePrefix, DataSource dataSource, Config config) {
        this(tablePrefix, dataSource, config, Clock.systemUTC());
    }

    ActiveObjectsTokenStore(String tablePrefix, DataSource dataSource, Config config, Clock clock) {
        this.clock = clock;
        this.revocationPoller = new RevocationPoller(revocationLog,
                Executors.newSingleThreadScheduledExecutor(ActiveObjectsTokenStore::pollerThread),
                Duration.ofMillis(Math.max(10, config.revocationPollMillis())),
                Duration.ofMinutes(Math.max(1, config.revocationRetentionMinutes())), clock, System::nanoTime);
        this.tableName = TokenTable.tableName(tablePrefix);
        this.setup = new TokenTableSetup(tablePrefix, dataSource, config.schema());
        this.usageBatchSize = Math.max(1, config.usageBatchSize());
        try {
            table();
        } catch (TokenStoreUnavailableException e) {
            LOG.warn("Token store {} cannot set up its table now, will retry on first use: {}", tableName,
                    e.getMessage());
        }
    }

    /** The table this store writes, e.g. {@code AO_5D4005_TOKEN}. */
    public String tableName() {
        return tableName;
    }

    /** Stops reading the revocation log and releases Active Objects' resources; the data source stays open. */
    public void close() {
        revocationPoller.close();
        setup.dispose();
    }

    /** The tables, set up now if they are not yet; for this package's SQL helpers. */
    TokenTable table() {
        return setup.table();
    }

    @Override
    public StoredToken insert(NewToken token) {
        TokenTable t = table();
        try {
            TokenEntity created = t.entityManager.create(TokenEntity.class, new DBParam("PUBLIC_ID", token.publicId()),
                    new DBParam("USER_KEY", token.userKey()), new DBParam("LABEL", token.label()),
                    new DBParam("HASH", token.hash()), new DBParam("CREATED", token.createdAt().toEpochMilli()),
                    new DBParam("USAGE_COUNT", 0L),
                    new DBParam("EXPIRATION_DATE", TokenRows.millis(token.expiresAt())),
                    new DBParam("SCOPES", TokenRows.scopesColumn(token.scopes())),
                    new DBParam("ALLOWED_PATHS", TokenRows.linesColumn(token.allowedPaths())),
                    new DBParam("ALLOWED_IPS", TokenRows.linesColumn(token.allowedIps())),
                    new DBParam("CREATED_BY", token.createdBy()));
            return new StoredToken(created.getID(), token.publicId(), token.userKey(), token.label(), token.hash(),
                    token.createdAt(), null, 0, token.expiresAt(), token.scopes(), token.allowedPaths(),
                    token.allowedIps(), token.createdBy(), List.of());
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("insert token " + token.publicId(), e);
        }
    }

    @Override
    public Optional<StoredToken> findByPublicId(String publicId) {
        TokenTable t = table();
        try {
            TokenEntity[] found = t.entityManager.find(TokenEntity.class, Query.select().where("PUBLIC_ID = ?", publicId));
            return found.length == 0 ? Optional.empty() : Optional.of(TokenRows.fromEntity(found[0]));
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("look up token " + publicId, e);
        }
    }

    @Override
    public List<StoredToken> findByUser(String userKey) {
        TokenTable t = table();
        try {
            TokenEntity[] found = t.entityManager.find(TokenEntity.class, Query.select().where("USER_KEY = ?", userKey));
            // a user has few tokens: sorting here spares Active Objects' quoting-sensitive ORDER BY handling
            return Arrays.stream(found).map(TokenRows::fromEntity)
                    .sorted(Comparator.comparingLong(StoredToken::storeId)).toList();
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("list a user's tokens", e);
        }
    }

    @Override
    public Page<StoredToken> find(TokenQuery query) {
        TokenTable t = table();
        TokenQuerySql sql = new TokenQuerySql(t, query, clock.millis());
        try {
            return new TokenListing(t).page(query, sql);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("list tokens", e);
        }
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to, long afterStoreId, int limit) {
        try {
            return new TokenScans(table()).expiring(from, to, afterStoreId, limit);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("list expiring tokens", e);
        }
    }

    @Override
    public List<StoredToken> findUnusedSince(Instant before, long afterStoreId, int limit) {
        try {
            return new TokenScans(table()).unusedSince(before, afterStoreId, limit);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("list unused tokens", e);
        }
    }

    @Override
    public List<String> findUserKeys(String afterUserKey, int limit) {
        try {
            return new TokenScans(table()).userKeys(afterUserKey, limit);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("list the tokens' owners", e);
        }
    }

    @Override
    public boolean delete(String publicId) {
        TokenTable t = table();
        try {
            return t.entityManager.deleteWithSQL(TokenEntity.class, "PUBLIC_ID = ?", publicId) > 0;
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("delete token " + publicId, e);
        }
    }

    @Override
    public int deleteByUser(String userKey) {
        TokenTable t = table();
        try {
            return t.entityManager.deleteWithSQL(TokenEntity.class, "USER_KEY = ?", userKey);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("delete a user's tokens", e);
        }
    }

    @Override
    public void recordUsage(Collection<TokenUsage> usages) {
        if (usages.isEmpty()) {
            return;
        }
        TokenTable t = table();
        try {
            new UsageBatch(t, usageBatchSize).write(usages);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("record usage of " + usages.size() + " tokens", e);
        }
    }

    @Override
    public boolean replaceHash(String publicId, String expectedHash, String newHash) {
        TokenTable t = table();
        try {
            return new TokenUpdates(t).replaceHash(publicId, expectedHash, newHash);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("replace the hash of token " + publicId, e);
        }
    }

    @Override
    public boolean rename(String publicId, String label) {
        TokenTable t = table();
        try {
            return new TokenUpdates(t).rename(publicId, label);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("rename token " + publicId, e);
        }
    }

    @Override
    public Optional<StoredToken> rotate(String publicId, String expectedHash, String newPublicId, String newHash,
            Instant rotatedAt, Instant expiresAt) {
        return rotations().rotate(publicId, expectedHash, newPublicId, newHash, rotatedAt, expiresAt);
    }

    @Override
    public Optional<RotatedToken> findRotated(String publicId) {
        return rotations().find(publicId);
    }

    @Override
    public int deleteRotated(Collection<String> publicIds) {
        return rotations().delete(publicIds);
    }

    @Override
    public int deleteStaleRotated(Instant now, Instant rotatedBefore) {
        return rotations().deleteStale(now, rotatedBefore);
    }

    private TokenRotations rotations() {
        return new TokenRotations(table(), this::findByPublicId);
    }

    @Override
    public void publish(Revocation revocation) {
        revocationLog.append(revocation, clock.millis());
    }

    @Override
    public Subscription subscribe(Listener listener) {
        return revocationPoller.subscribe(listener);
    }

    private static Thread pollerThread(Runnable task) {
        Thread thread = new Thread(task, "api-tokens-revocation-poll");
        thread.setDaemon(true);
        return thread;
    }
}
