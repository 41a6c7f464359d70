package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;

/**
 * The Active Objects entity behind {@code AO_<hash>_AUDIT}: one row per audit event, columns {@code ID, CREATED,
 * TYPE, ACTOR, USER_KEY, TOKEN_ID, DETAIL}. Never a secret: tokens are named by public id.
 */
@Table("AUDIT")
public interface AuditEntity extends Entity {

    /** Epoch milliseconds of the event; the listing's order and what retention prunes by. */
    @NotNull
    @Indexed
    long getCreated();

    void setCreated(long created);

    @NotNull
    @Indexed
    String getType();

    void setType(String type);

    /** {@code null} for the system (pruning) or an unnamed administrator. */
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
