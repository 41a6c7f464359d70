package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * The Active Objects entity behind {@code AO_<hash>_LEASE}: one row per named lease, columns {@code ID, NAME,
 * HOLDER, EXPIRES_AT}. See {@link ClusterLease}.
 */
@Table("LEASE")
public interface LeaseEntity extends Entity {

    @NotNull
    @Unique
    String getName();

    void setName(String name);

    /** The node holding it (an opaque id chosen by the node). */
    @NotNull
    String getHolder();

    void setHolder(String holder);

    /** Epoch milliseconds after which another node may take it. */
    @NotNull
    long getExpiresAt();

    void setExpiresAt(long expiresAt);
}
