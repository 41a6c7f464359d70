package dev.apitokens.license.unlimited.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.LicenseStatus;
import org.junit.jupiter.api.Test;


class UnlimitedLicenseGateTest {

    @Test
    void alwaysUnlimitedAndAllowsAuthentication() {
        LicenseStatus status = new UnlimitedLicenseGate().status();

        assertEquals(LicenseStatus.State.UNLIMITED, status.state());
        assertTrue(status.allowsAuthentication());
        assertNull(status.licensee());
        assertNull(status.expiresAt());
        assertEquals(0, status.userTier());
        assertFalse(status.message().isBlank());
    }
}
