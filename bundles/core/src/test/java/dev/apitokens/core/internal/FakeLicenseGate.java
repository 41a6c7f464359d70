package dev.apitokens.core.internal;

import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.LicenseStatus;


/** A test fake of the license gate whose verdict the test sets. */
final class FakeLicenseGate implements LicenseGate {

    volatile LicenseStatus.State state = LicenseStatus.State.VALID;

    @Override
    public LicenseStatus status() {
        return new LicenseStatus(state, "test", null, 0, "test license " + state);
    }
}
