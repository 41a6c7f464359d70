package dev.apitokens.store.ao;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Default;
import net.java.ao.schema.Index;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Indexes;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * The Active Objects entity behind {@code AO_<hash>_TOKEN}. With Atlassian's name converters the table is the
 * table prefix plus {@code TOKEN} and the columns are {@code ID, USER_KEY, LABEL, PUBLIC_ID, HASH, CREATED,
 * LAST_ACCESSED, USAGE_COUNT, EXPIRATION_DATE}, and since scopes and restrictions {@code SCOPES, ALLOWED_PATHS,
 * ALLOWED_IPS, CREATED_BY, LAST_ADDRESSES}, all nullable: a row of an older version reads as a write-scoped token
 * without restrictions, made by its owner, with no addresses recorded (see {@link TokenRows} for their text form).
 *
 * <p>Times are epoch milliseconds in {@code BIGINT} columns, not {@code java.util.Date}: Active Objects maps
 * dates to MySQL's {@code DATETIME} (whole seconds) and to time-zone-less {@code TIMESTAMP} elsewhere, which would
 * make nodes in different time zones disagree; a number is exact and the same everywhere.
 *
 * <p>Columns are only ever added (Active Objects' non-destructive migration adds new ones to an existing table),
 * so a new column must be nullable or carry a {@link Default}.
 *
 * <p>Last use and expiry are indexed together with the id ({@code (LAST_ACCESSED, ID)}, {@code (EXPIRATION_DATE,
 * ID)}): the admin listing reads the tokens without a value ({@code IS NULL}) in id order, and only an index whose
 * second column is the id gives that order without sorting every match (H2 sorted a third of a million rows for
 * "never used"). They serve the range scans on the first column as the former single-column indexes did.
 */
@Table("TOKEN")
@Preload
@Indexes({ @Index(name = "LAST_ACCESSED_ID", methodNames = { "getLastAccessed", "getID" }),
        @Index(name = "EXPIRATION_ID", methodNames = { "getExpirationDate", "getID" }) })
public interface TokenEntity extends Entity {

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

    /** Indexed, as the other times, for the admin listing's date-range filters. */
    @NotNull
    @Indexed
    long getCreated();

    void setCreated(long created);

    /** {@code null} until the token is first used; indexed (with the id) for the scan of unused tokens. */
    Long getLastAccessed();

    void setLastAccessed(Long lastAccessed);

    @NotNull
    @Default("0")
    long getUsageCount();

    void setUsageCount(long usageCount);

    /** {@code null} for a token that never expires; indexed (with the id) for the scans of expiring tokens. */
    Long getExpirationDate();

    void setExpirationDate(Long expirationDate);

    /**
     * The token's scope by its JSON name ({@code read}, {@code write}); {@code null} means write. Indexed for the
     * admin listing's scope filter.
     */
    @Indexed
    String getScopes();

    void setScopes(String scopes);

    /** Allowed URL path prefixes, one per line; {@code null} for no limit. */
    @StringLength(StringLength.UNLIMITED)
    String getAllowedPaths();

    void setAllowedPaths(String allowedPaths);

    /** Allowed addresses and CIDR ranges, one per line; {@code null} for anywhere. */
    @StringLength(StringLength.UNLIMITED)
    String getAllowedIps();

    void setAllowedIps(String allowedIps);

    /** User key of the admin who made the token for its owner; {@code null} when the owner did. */
    String getCreatedBy();

    void setCreatedBy(String createdBy);

    /** The last distinct client addresses, one {@code <epoch millis> <address>} per line, latest first. */
    @StringLength(StringLength.MAX_LENGTH)
    String getLastAddresses();

    void setLastAddresses(String lastAddresses);
}
