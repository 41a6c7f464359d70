package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Default;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * The token table as release 1.1 made it (usage counter and expiry, no scopes or restrictions): the migration test
 * creates the table with this, writes rows, then lets the current {@link TokenEntity} upgrade it.
 */
@Table("TOKEN")
@Preload
public interface ReleasedTokenEntity extends Entity {

    @NotNull
    @Indexed
    String getUserKey();

    void setUserKey(String userKey);

    @NotNull
    String getLabel();

    void setLabel(String label);

    /** The lookup key of every authentication: unique, so the database gives it a unique index. */
    @NotNull
    @Unique
    String getPublicId();

    void setPublicId(String publicId);

    @NotNull
    String getHash();

    void setHash(String hash);

    @NotNull
    long getCreated();

    void setCreated(long created);

    /** {@code null} until the token is first used. */
    Long getLastAccessed();

    void setLastAccessed(Long lastAccessed);

    @NotNull
    @Default("0")
    long getUsageCount();

    void setUsageCount(long usageCount);

    /** {@code null} for a token that never expires. */
    Long getExpirationDate();

    void setExpirationDate(Long expirationDate);
}
