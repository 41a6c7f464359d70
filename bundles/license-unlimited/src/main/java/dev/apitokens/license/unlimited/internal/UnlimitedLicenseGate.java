package dev.apitokens.license.unlimited.internal;

import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.LicenseStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;


/**
 * The evaluation gate: token authentication is always licensed. It ranks lowest, so that any other
 * {@link LicenseGate} an assembly installs (such as {@code license-signed}) wins without this bundle being removed.
 */
@Component(service = LicenseGate.class)
@ServiceRanking(Integer.MIN_VALUE)
public class UnlimitedLicenseGate implements LicenseGate {

    // One immutable instance: status() is called on every token authentication.
    private static final LicenseStatus UNLIMITED = new LicenseStatus(LicenseStatus.State.UNLIMITED, null, null, 0,
            "Evaluation build: token authentication is not limited by a license.");

    @Override
    public LicenseStatus status() {
        return UNLIMITED;
    }
}
