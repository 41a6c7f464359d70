package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * The Active Objects entity behind {@code AO_<hash>_NOTICE}: one row per notice sent, columns {@code ID, NOTICE_KEY,
 * CREATED}. The unique key is what makes a notice go out once in a cluster. See {@link SentNotices}.
 */
@Table("NOTICE")
public interface NoticeEntity extends Entity {

    /** What was sent about what, e.g. {@code expires-7d:<token id>:<expiry millis>}; never a secret. */
    @NotNull
    @Unique
    String getNoticeKey();

    void setNoticeKey(String noticeKey);

    /** Epoch milliseconds; what retention deletes by. */
    @NotNull
    @Indexed
    long getCreated();

    void setCreated(long created);
}
