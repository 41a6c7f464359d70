package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenUsage;
import dev.apitokens.testing.net.BlackholeProxy;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;


/** A database that is down, or goes down, makes every store method fail with the typed, retryable failure. */
class DatabaseOutageTest {

    private static final String PREFIX = "AO_0A0A0A";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aDatabaseNobodyListensForMakesEveryMethodUnavailable(String driver) throws SQLException {
        // port 1: nothing listens there, so every connection attempt is refused
        DataSource closedPort = switch (driver) {
            case "h2" -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:tcp://127.0.0.1:1/tokens");
                yield h2;
            }
            case "postgresql" -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL("jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=2");
                yield pg;
            }
            default -> new MariaDbDataSource("jdbc:mariadb://127.0.0.1:1/test?user=root&connectTimeout=2000");
        };
        ActiveObjectsTokenStore store = new ActiveObjectsTokenStore(PREFIX, closedPort, StoreConfigs.defaults());
        assertEveryMethodUnavailable(store, "tid-any");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"POSTGRESQL", "MARIADB"})
    void aDatabaseThatGoesAwayIsUnavailableUntilItIsBackWithNothingWritten(TestDatabase database) throws Exception {
        DataSource direct = database.dataSource();
        database.dropTable(PREFIX + "_TOKEN");
        try (BlackholeProxy proxy = new BlackholeProxy(database.port())) {
            ActiveObjectsTokenStore store = new ActiveObjectsTokenStore(PREFIX, database.create(proxy.port()),
                    StoreConfigs.defaults());
            try {
                StoredToken kept = store.insert(new NewToken("tid-kept", "alice", "kept", "hash", T0, null));
                proxy.cut();

                assertEveryMethodUnavailable(store, kept.publicId());

                ActiveObjectsTokenStore observer = new ActiveObjectsTokenStore(PREFIX, direct, StoreConfigs.defaults());
                assertEquals(Optional.of(kept), observer.findByPublicId(kept.publicId()), "untouched by the outage");
                assertEquals(Optional.empty(), observer.findByPublicId("tid-new"), "nothing half-written");
                observer.close();

                proxy.heal();
                assertEquals(List.of(kept), store.findByUser("alice"));
                store.recordUsage(List.of(new TokenUsage(kept.publicId(), 1, T0)));
                assertEquals(1, store.findByPublicId(kept.publicId()).orElseThrow().usageCount());
            } finally {
                store.close();
            }
        }
    }

    private static void assertEveryMethodUnavailable(ActiveObjectsTokenStore store, String publicId) {
        NewToken token = new NewToken("tid-new", "bob", "new", "hash", T0, null);
        List<Runnable> calls = List.of(() -> store.insert(token), () -> store.findByPublicId(publicId),
                () -> store.findByUser("alice"), () -> store.find(TokenQuery.firstPage(10)),
                () -> store.delete(publicId), () -> store.deleteByUser("alice"),
                () -> store.recordUsage(List.of(new TokenUsage(publicId, 1, T0))),
                () -> store.replaceHash(publicId, "hash", "new-hash"));
        for (Runnable call : calls) {
            assertThrows(TokenStoreUnavailableException.class, call::run, "call #" + calls.indexOf(call));
        }
    }
}
