package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.schema.Index;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Indexes;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;

/**
 * The Active Objects entity behind {@code AO_<hash>_AUDIT}: one row per audit event, columns {@code ID, CREATED,
 * TYPE, ACTOR, USER_KEY, TOKEN_ID, DETAIL}. Never a secret: tokens are named by public id.
 *
 * <p>Indexed: {@code CREATED} alone, and {@code (USER_KEY, CREATED)} and {@code (TYPE, CREATED)}, so that a page of
 * one user's or one type's events, newest first, is read from an index in order instead of sorting every match (at a
 * million events, H2 sorted some 140,000 rows per page of one type: 0.9 s). No single-column index on {@code TYPE} or
 * {@code USER_KEY}: H2 preferred it to the composite one and sorted again. Active Objects' migration adds the
 * composite indexes to a table made before and drops the single-column ones.
 */
@Table("AUDIT")
@Indexes({@Index(name = "user_created", methodNames = {"getUserKey", "getCreated"}),
        @Index(name = "type_created", methodNames = {"getType", "getCreated"})})
public interface AuditEntity extends Entity {

    /** Epoch milliseconds of the event; the listing's order and what retention prunes by. */
    @NotNull
    @Indexed
    long getCreated();

    void setCreated(long created);

    @NotNull
    String getType();

    void setType(String type);

    /** {@code null} for the system (pruning) or an unnamed administrator. */
    String getActor();

    void setActor(String actor);

    String getUserKey();

    void setUserKey(String userKey);

    String getTokenId();

    void setTokenId(String tokenId);

    String getDetail();

    void setDetail(String detail);
}
