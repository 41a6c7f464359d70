package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * The Active Objects entity behind {@code AO_<hash>_ROTATED}: tokens rotated away, columns {@code ID, PUBLIC_ID,
 * HASH, SUCCESSOR_ID, USER_KEY, ROTATED}. A row keeps the old public id and the old secret's hash, so that the old
 * secret is recognised when it is presented again (a leak), and names the public id the token got. It is read
 * only for public ids that are not in the token table.
 */
@Table("ROTATED")
public interface RotatedTokenEntity extends Entity {

    /** The old public id. */
    @NotNull
    @Unique
    String getPublicId();

    void setPublicId(String publicId);

    /** The old secret's hash (PHC string). */
    @NotNull
    String getHash();

    void setHash(String hash);

    /** The public id the token got at this rotation. */
    @NotNull
    @Indexed
    String getSuccessorId();

    void setSuccessorId(String successorId);

    @NotNull
    String getUserKey();

    void setUserKey(String userKey);

    /** Epoch milliseconds. */
    @NotNull
    long getRotated();

    void setRotated(long rotated);
}
