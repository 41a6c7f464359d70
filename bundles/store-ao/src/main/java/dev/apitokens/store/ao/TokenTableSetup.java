package dev.apitokens.store.ao;

import dev.apitokens.api.TokenStoreUnavailableException;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the store's tables up on first use rather than at construction, so the store comes up while the database is
 * down; until then every use retries, but at most once a second: in between, callers fail fast with the last
 * failure instead of queueing behind a connect timeout.
 */
final class TokenTableSetup {

    /** The store's logger, as before the setup was split off it: the log lines keep their logger name. */
    private static final Logger LOG = LoggerFactory.getLogger(ActiveObjectsTokenStore.class);
    private static final long SETUP_RETRY_NANOS = 1_000_000_000L;

    private final String tablePrefix;
    private final String tableName;
    private final DataSource dataSource;
    private final String schema;
    private volatile TokenTable table;
    /** Guarded by {@code this}: the last failed table setup, and when to try again. */
    private TokenStoreUnavailableException lastSetupFailure;
    private long retrySetupAt;

    TokenTableSetup(String tablePrefix, DataSource dataSource, String schema) {
        this.tablePrefix = tablePrefix;
        this.tableName = TokenTable.tableName(tablePrefix);
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** The tables, set up now if they are not yet. */
    TokenTable table() {
        TokenTable ready = table;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (table != null) {
                return table;
            }
            // while the database is down, fail fast instead of queueing every caller behind a connect timeout
            if (lastSetupFailure != null && System.nanoTime() < retrySetupAt) {
                throw new TokenStoreUnavailableException(lastSetupFailure.getMessage(), lastSetupFailure);
            }
            try {
                table = TokenTable.open(tablePrefix, dataSource, schema);
                lastSetupFailure = null;
                LOG.info("Token store ready: table {} in {}", tableName, table.product);
                return table;
            } catch (SQLException | RuntimeException e) {
                RuntimeException translated = StoreFailures.translate("set up table " + tableName, e);
                TokenStoreUnavailableException failure = translated instanceof TokenStoreUnavailableException u ? u
                        : new TokenStoreUnavailableException("token store unavailable: could not set up table "
                                + tableName + ": " + translated.getMessage(), e);
                lastSetupFailure = failure;
                retrySetupAt = System.nanoTime() + SETUP_RETRY_NANOS;
                throw failure;
            }
        }
    }

    /** Releases Active Objects' resources of tables that were set up. */
    void dispose() {
        TokenTable ready = table;
        if (ready != null) {
            ready.dispose();
        }
    }
}
