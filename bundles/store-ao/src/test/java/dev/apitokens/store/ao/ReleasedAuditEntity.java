package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;

/** {@link AuditEntity} as released before its composite indexes: for the upgrade test. */
@Table("AUDIT")
public interface ReleasedAuditEntity extends Entity {

    @NotNull
    @Indexed
    long getCreated();

    void setCreated(long created);

    @NotNull
    @Indexed
    String getType();

    void setType(String type);

    String getActor();

    void setActor(String actor);

    @Indexed
    String getUserKey();

    void setUserKey(String userKey);

    String getTokenId();

    void setTokenId(String tokenId);

    String getDetail();

    void setDetail(String detail);
}
