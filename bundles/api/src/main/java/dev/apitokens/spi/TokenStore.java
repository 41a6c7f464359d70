package dev.apitokens.spi;

import dev.apitokens.api.Page;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenStoreUnavailableException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of tokens. Exactly one store is active in an assembly (the Jira one writes table
 * {@code AO_5D4005_TOKEN}, the Confluence one {@code AO_2DF51C_TOKEN}); the database is shared by all nodes of a
 * Data Center cluster and is the only source of truth.
 *
 * <p>Every method throws {@link TokenStoreUnavailableException} when the database cannot be reached; a failed
 * call leaves nothing partially written.
 */
@ProviderType
public interface TokenStore {

    /** Service property: the name of the table the store writes, e.g. {@code AO_5D4005_TOKEN}. */
    String TABLE = "apitokens.store.table";

    /** Stores a new token and returns it with its store id. The public id must be unique. */
    StoredToken insert(NewToken token);

    /** The token with this public id; one indexed lookup. */
    Optional<StoredToken> findByPublicId(String publicId);

    /** The user's tokens, oldest first; one indexed query. */
    List<StoredToken> findByUser(String userKey);

    /** One page of every user's tokens, filtered and ordered by the query; never loads the whole table. */
    Page<StoredToken> find(TokenQuery query);

    /**
     * Tokens whose expiry lies in {@code [from, to)}, for scheduled work (expiry notices, pruning): one indexed
     * range query on the expiry column, ordered by store id and paged by it (keyset paging: pass the last store id
     * of the previous page as {@code afterStoreId}, 0 for the first), so deleting returned tokens between pages is
     * safe and the whole table is never loaded. Tokens that never expire are never returned.
     *
     * @param from the earliest expiry, inclusive, or {@code null} for no lower bound
     * @param to the latest expiry, exclusive
     * @param limit the most tokens returned, at least 1
     * @since 1.2.0
     */
    List<StoredToken> findExpiring(Instant from, Instant to, long afterStoreId, int limit);

    /**
     * Tokens not used since {@code before}: last used before it, or never used and created before it. Indexed on
     * the last-accessed and creation times and keyset-paged by store id as {@link #findExpiring}.
     *
     * @since 1.2.0
     */
    List<StoredToken> findUnusedSince(Instant before, long afterStoreId, int limit);

    /**
     * The distinct user keys that own tokens, in ascending order, the first {@code limit} after {@code afterUserKey}
     * ({@code null} for the first page): an index scan, for checking every owner against the host's directory.
     *
     * @since 1.2.0
     */
    List<String> findUserKeys(String afterUserKey, int limit);

    /** Deletes the token with this public id; {@code false} if there was none. */
    boolean delete(String publicId);

    /** Deletes all the user's tokens and returns how many there were. */
    int deleteByUser(String userKey);

    /**
     * Adds uses to tokens' counters in one batch: each entry adds its count to the usage count with an atomic
     * {@code UPDATE ... SET USAGE_COUNT = USAGE_COUNT + ?} and raises the last-accessed time to the entry's time
     * if that is later, so that several cluster nodes can record uses of the same token concurrently without
     * losing any. Entries for tokens deleted meanwhile are ignored.
     *
     * <p>Since 1.2.0 an entry's {@link TokenUsage#addresses() addresses} are merged into the token's last addresses
     * ({@link dev.apitokens.api.UsedAddress#merge}) under a row lock taken in the same transaction, so that nodes
     * flushing the same token at once lose no address. Only a flush reads or writes them, never a request.
     */
    void recordUsage(Collection<TokenUsage> usages);

    /**
     * Changes a token's label; {@code false} if there is no such token.
     *
     * @since 1.2.0
     */
    boolean rename(String publicId, String label);

    /**
     * Rotates a token in place: the row keeps its store id, owner, label, scope, restrictions, creator and expiry,
     * and gets the new public id and hash, {@code createdAt = rotatedAt}, no uses and no addresses. The old public
     * id and hash are kept as a {@link RotatedToken} pointing to the new id. Compare-and-set: nothing changes when
     * the token is gone or its hash is no longer {@code expectedHash}.
     *
     * @return the token as it is now, or empty if nothing changed
     * @since 1.2.0
     */
    default Optional<StoredToken> rotate(String publicId, String expectedHash, String newPublicId, String newHash,
            Instant rotatedAt) {
        return findByPublicId(publicId).flatMap(
                token -> rotate(publicId, expectedHash, newPublicId, newHash, rotatedAt, token.expiresAt()));
    }

    /**
     * As {@link #rotate(String, String, String, String, Instant)}, but the token gets the expiry {@code expiresAt}
     * (the token policy may shorten it, or give a token that never expired one); {@code null} for none.
     *
     * @since 1.3.0
     */
    Optional<StoredToken> rotate(String publicId, String expectedHash, String newPublicId, String newHash,
            Instant rotatedAt, Instant expiresAt);

    /**
     * The rotated-away token with this old public id; one indexed lookup, done only for ids not in the token table.
     *
     * @since 1.2.0
     */
    Optional<RotatedToken> findRotated(String publicId);

    /**
     * Forgets the rotated-away records with these old public ids (a family whose live token was revoked because an
     * old secret of it was presented again); returns how many were deleted.
     *
     * @since 1.2.0
     */
    int deleteRotated(Collection<String> publicIds);

    /**
     * Forgets the rotated-away records that can no longer reveal a leak: those whose family's live token (the one
     * reached by following {@link RotatedToken#successorId()}) is gone (revoked, pruned) or expired at {@code now},
     * and, when {@code rotatedBefore} is not {@code null}, those rotated before it. A few statements on the records
     * table, each joined to the token table by its unique public id; for scheduled pruning, not per request.
     *
     * @return how many records were deleted
     * @since 1.3.0
     */
    int deleteStaleRotated(Instant now, Instant rotatedBefore);

    /**
     * Replaces a token's hash if it is still {@code expectedHash} (compare-and-set, for re-hashing under a newer
     * algorithm); {@code false} if the token is gone or its hash changed meanwhile.
     */
    boolean replaceHash(String publicId, String expectedHash, String newHash);
}
