package dev.apitokens.core.internal;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.LicenseStatus;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the license state changes (valid, expired, missing, ...) and audits it as
 * {@link AuditEvents#LICENSE_CHANGED}. Called from the core's scheduled work, off the request path; the first state
 * seen after a start is only remembered.
 */
final class LicenseWatch {

    private static final Logger LOG = LoggerFactory.getLogger(LicenseWatch.class);
    private static final String NO_GATE = "NO_LICENSE_GATE";

    private final Supplier<LicenseGate> gate;
    private final AuditTrail audit;
    private String last;

    LicenseWatch(Supplier<LicenseGate> gate, AuditTrail audit) {
        this.gate = gate;
        this.audit = audit;
    }

    /** Reads the gate's state once; audits it when it differs from the one read before. */
    synchronized void check() {
        String now = stateOf(gate.get());
        if (last != null && !last.equals(now)) {
            LOG.warn("API token license state changed: {} -> {}", last, now);
            audit.post(AuditEvents.LICENSE_CHANGED, null, null, null, last + " -> " + now);
        }
        last = now;
    }

    private static String stateOf(LicenseGate gate) {
        if (gate == null) {
            return NO_GATE;
        }
        try {
            LicenseStatus status = gate.status();
            return status == null ? NO_GATE : String.valueOf(status.state());
        } catch (RuntimeException e) {
            return "GATE_FAILED";
        }
    }
}
