package dev.apitokens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The window and filter checks both paged queries make, {@link TokenQuery} and {@link AuditQuery} alike. */
class PagedQueryTest {

    @Test
    void refusesANegativeOffsetAndALimitOutsideOneToTheMaximum() {
        assertEquals("offset must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> new TokenQuery(null, null, null, -1, 10)).getMessage());
        assertEquals("offset must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> new AuditQuery(null, null, null, null, -1, 10)).getMessage());
        for (int limit : new int[] {0, 1001}) {
            assertEquals("limit must be 1..1000", assertThrows(IllegalArgumentException.class,
                    () -> new TokenQuery(null, null, null, 0, limit)).getMessage());
            assertEquals("limit must be 1..1000", assertThrows(IllegalArgumentException.class,
                    () -> new AuditQuery(null, null, null, null, 0, limit)).getMessage());
        }
        assertEquals(1000, new TokenQuery(null, null, null, 0, TokenQuery.MAX_LIMIT).limit());
        assertEquals(1000, new AuditQuery(null, null, null, null, 0, AuditQuery.MAX_LIMIT).limit());
        assertEquals(1, new AuditQuery(null, null, null, null, 5, 1).limit());
    }

    @Test
    void takesABlankFilterAsNoFilterAndKeepsTheOthersAsGiven() {
        TokenQuery blank = new TokenQuery(" ", "\t", null, 0, 10);
        assertNull(blank.userKey());
        assertNull(blank.labelContains());
        assertEquals(TokenQuery.Sort.CREATED, blank.sort());
        AuditQuery blankAudit = new AuditQuery("", "  ", null, null, 0, 10);
        assertNull(blankAudit.userKey());
        assertNull(blankAudit.type());
        TokenQuery kept = new TokenQuery("bob", " ci ", null, 0, 10);
        assertEquals("bob", kept.userKey());
        assertEquals(" ci ", kept.labelContains());
        AuditQuery keptAudit = new AuditQuery("bob", AuditEvents.TOKEN_CREATED, null, null, 0, 10);
        assertEquals("bob", keptAudit.userKey());
        assertEquals(AuditEvents.TOKEN_CREATED, keptAudit.type());
    }
}
