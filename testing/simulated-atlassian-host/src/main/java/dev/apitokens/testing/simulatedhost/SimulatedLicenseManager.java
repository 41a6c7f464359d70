package dev.apitokens.testing.simulatedhost;

import com.atlassian.upm.api.license.PluginLicenseManager;
import com.atlassian.upm.api.license.entity.LicenseError;
import com.atlassian.upm.api.license.entity.PluginLicense;
import com.atlassian.upm.api.util.Option;

/** UPM's plugin license manager with a license the test sets: valid (the default), none, or with an error. */
public final class SimulatedLicenseManager implements PluginLicenseManager {

    /** What the simulated UPM reports. */
    public enum State { VALID, NONE, EXPIRED }

    private static volatile State state = State.VALID;

    public static void set(State newState) {
        state = newState;
    }

    @Override
    public Option<PluginLicense> getLicense() {
        State current = state;
        if (current == State.NONE) {
            return Option.none();
        }
        Option<LicenseError> error = current == State.EXPIRED ? Option.some(LicenseError.EXPIRED) : Option.none();
        return Option.some(() -> error);
    }
}
