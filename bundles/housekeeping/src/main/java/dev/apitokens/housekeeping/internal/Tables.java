package dev.apitokens.housekeeping.internal;

import javax.sql.DataSource;

import dev.apitokens.store.ao.AuditLog;
import dev.apitokens.store.ao.ClusterLease;
import dev.apitokens.store.ao.SentNotices;

/**
 * The housekeeping's tables beside the token table ({@code AO_<hash>_LEASE}, {@code _NOTICE}, {@code _AUDIT}),
 * set up on first use, so that a database that is away at start only delays the first run.
 */
final class Tables implements AutoCloseable {

    final String prefix;
    private final DataSource dataSource;
    private final String schema;
    private ClusterLease lease;
    private SentNotices notices;
    private AuditLog audit;

    Tables(String prefix, DataSource dataSource, String schema) {
        this.prefix = prefix;
        this.dataSource = dataSource;
        this.schema = schema;
    }

    synchronized ClusterLease lease() {
        if (lease == null) {
            lease = ClusterLease.open(prefix, dataSource, schema);
        }
        return lease;
    }

    synchronized SentNotices notices() {
        if (notices == null) {
            notices = SentNotices.open(prefix, dataSource, schema);
        }
        return notices;
    }

    synchronized AuditLog audit() {
        if (audit == null) {
            audit = AuditLog.open(prefix, dataSource, schema);
        }
        return audit;
    }

    synchronized void releaseLease(String name, String node) {
        if (lease != null) {
            lease.release(name, node);
        }
    }

    @Override
    public synchronized void close() {
        if (lease != null) {
            lease.close();
        }
        if (notices != null) {
            notices.close();
        }
        if (audit != null) {
            audit.close();
        }
    }
}
