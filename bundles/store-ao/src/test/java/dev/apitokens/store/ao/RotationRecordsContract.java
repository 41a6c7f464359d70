package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The part of the store contract about rotation (kept apart from {@link TokenStoreContract}, which is long
 * enough): a rotation may give the token a new expiry, and records of rotated-away tokens are forgotten once their
 * family's live token is gone or expired, or they are older than a retention. Run once per {@link TestDatabase}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class RotationRecordsContract {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.089Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    @Parameter
    TestDatabase database;

    protected ActiveObjectsTokenStore store;

    /** The token table the store must write, e.g. {@code AO_5D4005_TOKEN}. */
    protected abstract String table();

    /** A new store on this data source, as the store bundle's DS component builds it. */
    protected abstract ActiveObjectsTokenStore newStore(DataSource dataSource, ActiveObjectsTokenStore.Config config);

    @BeforeEach
    void emptyTables() throws SQLException {
        store = newStore(database.dataSource(), StoreConfigs.defaults());
        String prefix = table().substring(0, table().length() - "TOKEN".length());
        database.execute("DELETE FROM " + database.quote(prefix + "ROTATED"));
        database.execute("DELETE FROM " + database.quote(table()));
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aRotationSetsTheExpiryItIsGiven() {
        StoredToken forever = insert(null);
        Instant expiry = T0.plus(Duration.ofDays(7));
        StoredToken rotated = rotate(forever, T0.plusSeconds(1), expiry);
        assertEquals(expiry, rotated.expiresAt());
        assertEquals(expiry, store.findByPublicId(rotated.publicId()).orElseThrow().expiresAt());
        assertEquals(null, rotate(rotated, T0.plusSeconds(2), null).expiresAt());
        StoredToken kept = rotateKeepingExpiry(insert(expiry), T0.plusSeconds(3));
        assertEquals(expiry, kept.expiresAt(), "the 1.2 rotation keeps the expiry");
    }

    @Test
    void recordsOfGoneOrExpiredTokensAreForgottenAndLiveOnesKept() {
        StoredToken a = insert(null);
        StoredToken b = rotate(a, T0, null);
        StoredToken c = rotate(b, T0.plusSeconds(1), null); // a chain a -> b -> c
        StoredToken d = insert(T0.plus(Duration.ofHours(1)));
        rotateKeepingExpiry(d, T0);
        StoredToken f = insert(null);
        StoredToken g = rotate(f, T0, null);
        assertTrue(store.delete(c.publicId()));

        assertEquals(3, store.deleteStaleRotated(T0.plus(Duration.ofHours(2)), null),
                "the chain's two records (token revoked) and the expired token's");

        assertEquals(Optional.empty(), store.findRotated(a.publicId()));
        assertEquals(Optional.empty(), store.findRotated(b.publicId()));
        assertEquals(Optional.empty(), store.findRotated(d.publicId()));
        assertEquals(g.publicId(), store.findRotated(f.publicId()).orElseThrow().successorId());
        assertEquals(0, store.deleteStaleRotated(T0.plus(Duration.ofHours(2)), null));
        assertTrue(store.findByPublicId(g.publicId()).isPresent(), "no token is deleted");
    }

    @Test
    void aRecordJustWrittenIsKeptAndTheRetentionForgetsOldOnes() {
        StoredToken gone = rotate(insert(null), T0, null);
        assertTrue(store.delete(gone.publicId()));
        StoredToken live = rotate(insert(null), T0, null);
        assertEquals(0, store.deleteStaleRotated(T0.plus(TokenRotations.SETTLING).minusMillis(1), null),
                "a rotation may not have moved the token row to its new id yet");

        assertEquals(2, store.deleteStaleRotated(T0.plus(Duration.ofDays(1)), T0.plusMillis(1)),
                "the gone token's and, by age, the live one's");
        assertTrue(store.findByPublicId(live.publicId()).isPresent());
    }

    private StoredToken insert(Instant expiresAt) {
        return store.insert(new NewToken(newId(), "rotating-user", "rotated", "$h$" + IDS.get(), T0, expiresAt));
    }

    private StoredToken rotate(StoredToken token, Instant at, Instant expiresAt) {
        return store.rotate(token.publicId(), token.hash(), newId(), "$h$new" + IDS.get(), at, expiresAt)
                .orElseThrow();
    }

    private StoredToken rotateKeepingExpiry(StoredToken token, Instant at) {
        return store.rotate(token.publicId(), token.hash(), newId(), "$h$new" + IDS.get(), at).orElseThrow();
    }

    private static String newId() {
        return "rot" + Integer.toString(IDS.incrementAndGet(), 36) + Long.toString(System.nanoTime(), 36);
    }
}
