package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sent-notice records on every database: a key is claimed once, across instances (nodes); unclaim; retention. */
class SentNoticesTest {

    private static final String PREFIX = "AO_0C1EA6";

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"H2_MEMORY", "POSTGRESQL", "MARIADB"})
    void aNoticeIsClaimedOnceAcrossNodes(TestDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        database.dropTable(PREFIX + "_NOTICE");
        try (SentNotices a = SentNotices.open(PREFIX, dataSource, "");
                SentNotices b = SentNotices.open(PREFIX, dataSource, "")) {
            assertEquals(PREFIX + "_NOTICE", a.tableName());
            assertTrue(a.claim("expires-7d:tokenAAAAAAAAAAAA:1000", 1_000));
            assertFalse(b.claim("expires-7d:tokenAAAAAAAAAAAA:1000", 1_001), "another node: already sent");
            assertFalse(a.claim("expires-7d:tokenAAAAAAAAAAAA:1000", 1_002), "another run: already sent");
            assertTrue(b.claim("expires-1d:tokenAAAAAAAAAAAA:1000", 2_000));
            a.unclaim("expires-1d:tokenAAAAAAAAAAAA:1000");
            assertTrue(a.claim("expires-1d:tokenAAAAAAAAAAAA:1000", 3_000), "unclaimed: sent again later");
            assertThrows(IllegalArgumentException.class, () -> a.claim("x".repeat(256), 1));
            assertEquals(1, a.deleteOlderThan(2_000));
            assertTrue(b.claim("expires-7d:tokenAAAAAAAAAAAA:1000", 4_000), "forgotten after retention");
        }
    }
}
