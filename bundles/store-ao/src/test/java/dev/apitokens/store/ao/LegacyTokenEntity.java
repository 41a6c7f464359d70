package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * The token table as an imagined first release made it: no usage counter, no expiry. The migration test creates
 * the table with this, then lets the current {@link TokenEntity} upgrade it.
 */
@Table("TOKEN")
@Preload
public interface LegacyTokenEntity extends Entity {

    @NotNull
    @Indexed
    String getUserKey();

    void setUserKey(String userKey);

    @NotNull
    String getLabel();

    void setLabel(String label);

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

    Long getLastAccessed();

    void setLastAccessed(Long lastAccessed);
}
