package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;

/**
 * The Active Objects entity behind {@code AO_<hash>_REVOCATION}: the cluster's revocation log, columns
 * {@code ID, KIND, SUBJECT, CREATED}. Each node reads the rows after the last id it saw a few times a second (an
 * index range scan of the primary key) and drops what it verified of the named tokens; rows older than the
 * retention are deleted. It never holds a secret: {@code SUBJECT} is a token's public id or a user key.
 */
@Table("REVOCATION")
public interface RevocationEntity extends Entity {

    /** {@code TOKEN} or {@code USER}, the names of {@link dev.apitokens.spi.Revocation.Kind}. */
    @NotNull
    String getKind();

    void setKind(String kind);

    @NotNull
    String getSubject();

    void setSubject(String subject);

    /** Epoch milliseconds, by the clock of the node that wrote the row; what retention prunes by. */
    @NotNull
    @Indexed
    long getCreated();

    void setCreated(long created);
}
