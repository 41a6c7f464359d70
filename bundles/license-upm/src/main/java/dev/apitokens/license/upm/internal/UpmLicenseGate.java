package dev.apitokens.license.upm.internal;

import com.atlassian.upm.api.license.PluginLicenseManager;
import com.atlassian.upm.api.license.entity.PluginLicense;
import com.atlassian.upm.api.util.Option;
import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.LicenseStatus;
import dev.apitokens.spi.LicenseStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The app license as the Universal Plugin Manager reports it (Marketplace licenses): no license, or a license with
 * an error (expired, user tier exceeded, wrong type), refuses token authentication; token management is never
 * gated. The verdict is cached for {@code cacheSeconds}, since the core asks on every authentication.
 */
@Component(service = LicenseGate.class, configurationPid = UpmLicenseGate.PID)
@Designate(ocd = UpmLicenseGate.Config.class)
public class UpmLicenseGate implements LicenseGate {

    static final String PID = "dev.apitokens.license.upm";

    @ObjectClassDefinition(name = "API tokens: UPM license gate",
            description = "Token authentication is allowed while the Universal Plugin Manager reports a valid app license.")
    public @interface Config {

        @AttributeDefinition(name = "Cache (seconds)",
                description = "How long one answer of the Universal Plugin Manager is used before asking again.")
        int cacheSeconds() default 60;
    }

    private final PluginLicenseManager licenses;
    private final Duration cacheFor;
    private final Clock clock;
    private volatile Cached cached;

    @Activate
    public UpmLicenseGate(@Reference PluginLicenseManager licenses, Config config) {
        this(licenses, config, Clock.systemUTC());
    }

    UpmLicenseGate(PluginLicenseManager licenses, Config config, Clock clock) {
        this.licenses = licenses;
        this.cacheFor = Duration.ofSeconds(Math.max(0, config.cacheSeconds()));
        this.clock = clock;
    }

    @Override
    public LicenseStatus status() {
        Instant now = clock.instant();
        Cached current = cached;
        if (current != null && now.isBefore(current.until)) {
            return current.status;
        }
        LicenseStatus status = ask();
        cached = new Cached(status, now.plus(cacheFor));
        return status;
    }

    private LicenseStatus ask() {
        Option<PluginLicense> license;
        try {
            license = licenses.getLicense();
        } catch (RuntimeException e) {
            return new LicenseStatus(State.MISSING, null, null, 0, "The Universal Plugin Manager could not be asked "
                    + "for the app license (" + e.getClass().getSimpleName() + "): token authentication is refused.");
        }
        if (license == null || !license.isDefined()) {
            return new LicenseStatus(State.MISSING, null, null, 0, "No app license is installed in the Universal "
                    + "Plugin Manager: tokens can be managed, but token authentication is refused until one is.");
        }
        Option<?> error = license.get().getError();
        if (error == null || !error.isDefined()) {
            return new LicenseStatus(State.VALID, null, null, 0, "Licensed through the Universal Plugin Manager.");
        }
        // the error's name, not its constant: this bundle then depends on no constant of UPM's enum
        String reason = String.valueOf(error.get());
        State state = switch (reason) {
            case "EXPIRED" -> State.EXPIRED;
            case "USER_MISMATCH" -> State.OVER_USER_TIER;
            default -> State.MALFORMED;
        };
        return new LicenseStatus(state, null, null, 0, "The Universal Plugin Manager reports the app license as "
                + "invalid (" + reason + "): tokens can be managed, but token authentication is refused.");
    }

    private record Cached(LicenseStatus status, Instant until) {
    }
}
