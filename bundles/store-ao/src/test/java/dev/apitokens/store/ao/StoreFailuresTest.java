package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.TokenStoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;


class StoreFailuresTest {

    @Test
    void aConnectionFailureIsUnavailableWithTheSqlStateAndTheCauseKept() {
        SQLException refused = new SQLTransientConnectionException("Connection refused", "08001");
        RuntimeException failure = StoreFailures.translate("look up token tid1", refused);
        assertInstanceOf(TokenStoreUnavailableException.class, failure);
        assertEquals("token store unavailable: could not look up token tid1 (SQL state 08001: Connection refused)",
                failure.getMessage());
        assertSame(refused, failure.getCause());
    }

    @Test
    void anActiveObjectsWrapperAroundAnSqlExceptionIsStillRecognised() {
        RuntimeException wrapped = new RuntimeException("Could not read fields",
                new SQLException("I/O error", "08006"));
        assertInstanceOf(TokenStoreUnavailableException.class, StoreFailures.translate("set up", wrapped));
        assertInstanceOf(TokenStoreUnavailableException.class,
                StoreFailures.translate("set up", new IllegalStateException("no SQL at all")));
    }

    @Test
    void aConstraintViolationIsARejectedValueThatNamesNoValue() {
        RuntimeException failure = StoreFailures.translate("insert token tid1",
                new SQLIntegrityConstraintViolationException("Key (PUBLIC_ID)=(tid1) already exists", "23505"));
        assertInstanceOf(IllegalArgumentException.class, failure);
        assertTrue(failure.getMessage().contains("23505"));
        assertFalse(failure.getMessage().contains("Key ("), "the driver's text may quote values: left out");
    }

    @Test
    void aValueTooLongIsARejectedValue() {
        assertInstanceOf(IllegalArgumentException.class,
                StoreFailures.translate("insert", new SQLException("value too long", "22001")));
    }
}
