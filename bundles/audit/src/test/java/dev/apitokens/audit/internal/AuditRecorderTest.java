package dev.apitokens.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apitokens.api.AuditEntry;
import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.AuditQuery;
import dev.apitokens.api.AuditTrail;
import dev.apitokens.api.Page;
import dev.apitokens.spi.TokenStore;
import dev.apitokens.store.ao.AuditLog;
import dev.apitokens.store.ao.AuditRecord;
import dev.apitokens.store.ao.TablePrefix;
import dev.apitokens.store.ao.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** Events posted on the audit topics end up as rows of the product's audit table, on every database. */
class AuditRecorderTest {

    @Test
    void theAuditTableSitsBesideTheStoresTokenTable() {
        assertEquals("AO_5D4005", TablePrefix.ofTokenTable("AO_5D4005_TOKEN"));
        assertThrows(IllegalStateException.class, () -> TablePrefix.ofTokenTable(null));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"H2_MEMORY", "POSTGRESQL", "MARIADB"})
    void eachEventIsStoredAsPosted(TestDatabase database) throws Exception {
        database.dropTable("AO_5D4005_AUDIT");
        AuditRecorder recorder = new AuditRecorder(AuditLog.open(
                TablePrefix.ofTokenTable(Map.of(TokenStore.TABLE, "AO_5D4005_TOKEN").get(TokenStore.TABLE)),
                database.dataSource(), ""));
        try {
            assertEquals("AO_5D4005_AUDIT", recorder.log().tableName());
            recorder.handleEvent(new Event(AuditEvents.topic(AuditEvents.TOKEN_CREATED),
                    Map.of(AuditEvents.TYPE, AuditEvents.TOKEN_CREATED, AuditEvents.TIMESTAMP, 42L,
                            AuditEvents.ACTOR, "key-alice", AuditEvents.USER, "key-alice",
                            AuditEvents.TOKEN_ID, "ULy3Wj2oRBv3tpN9", AuditEvents.DETAIL, "Jenkins")));
            recorder.handleEvent(new Event(AuditEvents.topic(AuditEvents.TOKEN_REVOKED_BY_ADMIN),
                    Map.of(AuditEvents.TYPE, AuditEvents.TOKEN_REVOKED_BY_ADMIN, AuditEvents.TIMESTAMP, 43L,
                            AuditEvents.USER, "key-alice", AuditEvents.TOKEN_ID, "ULy3Wj2oRBv3tpN9")));
            List<AuditRecord> rows = recorder.log().find(new AuditQuery(null, null, null, null, 0, 10)).items();
            assertEquals(2, rows.size());
            assertEquals(new AuditRecord(rows.get(1).id(), 42L, "TOKEN_CREATED", "key-alice", "key-alice",
                    "ULy3Wj2oRBv3tpN9", "Jenkins"), rows.get(1));
            assertEquals(new AuditRecord(rows.get(0).id(), 43L, "TOKEN_REVOKED_BY_ADMIN", null, "key-alice",
                    "ULy3Wj2oRBv3tpN9", null), rows.get(0));

            // read back through the service the REST API uses
            AuditTrail trail = recorder;
            Page<AuditEntry> created = trail.find(new AuditQuery("key-alice", AuditEvents.TOKEN_CREATED, 42L, 43L, 0, 5));
            assertEquals(1, created.total());
            assertEquals(new AuditEntry(rows.get(1).id(), Instant.ofEpochMilli(42), "TOKEN_CREATED", "key-alice",
                    "key-alice", "ULy3Wj2oRBv3tpN9", "Jenkins"), created.items().get(0));
            assertEquals(List.of("TOKEN_REVOKED_BY_ADMIN", "TOKEN_CREATED"), trail.find(
                    new AuditQuery(null, null, null, null, 0, 5)).items().stream().map(AuditEntry::type).toList());
            assertEquals(0, trail.find(new AuditQuery("key-bob", null, null, null, 0, 5)).total());
        } finally {
            recorder.deactivate();
        }
    }
}
