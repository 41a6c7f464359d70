package dev.apitokens.license.signed.internal;

import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.LicenseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.apitokens.spi.LicenseStatus.State;

/**
 * The {@link LicenseGate} of licensed builds: token authentication is allowed while the configured license key is
 * signed by the vendor, unexpired, and covers the host's active users.
 *
 * <p>The key is verified once per configuration change; {@link #status()} then only compares the expiry with the
 * clock and, for a license with a user tier, reads a cached active-user count. The component has no mandatory
 * reference and never fails to activate, so a broken configuration shows as a refusing status instead of letting a
 * lower-ranked gate (the evaluation gate) take over.
 */
@Component(service = LicenseGate.class, configurationPid = SignedLicenseGate.PID)
@Designate(ocd = SignedLicenseGate.Config.class)
@ServiceRanking(0)
public class SignedLicenseGate implements LicenseGate {

    public static final String PID = "dev.apitokens.license.signed";
    static final String BUILT_IN_PUBLIC_KEY = "vendor-public-key.pem";

    @ObjectClassDefinition(name = "API tokens: signed license",
            description = "Verifies the signed license key that allows token authentication.")
    public @interface Config {

        @AttributeDefinition(name = "License key", type = AttributeType.PASSWORD,
                description = "The license key as issued by the vendor (base64url payload '.' signature). Empty: "
                        + "no license, token authentication is refused.")
        String licenseKey() default "";

        @AttributeDefinition(name = "Vendor public key",
                description = "The Ed25519 public key license keys must be signed with, as PEM or its Base64 body "
                        + "on one line. Empty: the key built into this bundle.")
        String publicKey() default "";

        @AttributeDefinition(name = "Active-user count cache (seconds)", min = "0",
                description = "How long the host's active-user count is reused before it is asked again; "
                        + "0 asks on every check.")
        int userCountCacheSeconds() default 60;

        @AttributeDefinition(name = "Service ranking",
                description = "The highest-ranked license gate wins; the evaluation gate ranks lowest.")
        int service_ranking() default 0;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SignedLicenseGate.class);

    /** Optional: without a host user directory the user tier cannot be exceeded. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HostUsers hostUsers;

    private final Clock clock;
    private volatile LicenseVerdict verdict;
    private volatile long userCountMillis;
    private volatile UserCount userCount;

    @Activate
    public SignedLicenseGate(Config config) {
        this(config, Clock.systemUTC());
    }

    SignedLicenseGate(Config config, Clock clock) {
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(Config config) {
        userCountMillis = Math.max(0, config.userCountCacheSeconds()) * 1000L;
        userCount = null;
        LicenseVerdict next = verify(config.licenseKey(), config.publicKey());
        verdict = next;
        LicenseStatus status = next.statusAt(clock.instant());
        if (status.allowsAuthentication()) {
            License license = next.license();
            LOG.info("License key verified: licensee '{}', license id {}, {}, {}", license.licensee(), license.id(),
                    license.expiryText(), license.tierText());
        } else {
            LOG.warn("License key refused ({}): {}", status.state(), status.message());
        }
    }

    @Override
    public LicenseStatus status() {
        LicenseVerdict current = verdict;
        License license = current.license();
        if (license == null) {
            return current.statusAt(null);
        }
        Instant now = clock.instant();
        HostUsers host = hostUsers;
        if (host == null || license.userTier() == 0 || license.isExpiredAt(now)) {
            return current.statusAt(now);
        }
        return tierStatus(current, host, now.toEpochMilli());
    }

    private LicenseStatus tierStatus(LicenseVerdict current, HostUsers host, long now) {
        UserCount cached = userCount;
        if (cached != null && cached.verdict == current && cached.host == host
                && now - cached.readAtMillis < userCountMillis) {
            return cached.status;
        }
        long active;
        try {
            active = host.activeUserCount();
        } catch (RuntimeException e) {
            // Keep the last count if there is one; the tier is not enforced on a count we do not have.
            active = cached != null && cached.host == host ? cached.active : -1;
            LOG.warn("Could not count the host's active users for the license tier; using {}",
                    active < 0 ? "no count" : active, e);
        }
        LicenseStatus status = current.withActiveUsers(active);
        userCount = new UserCount(current, host, active, now, status);
        return status;
    }

    static LicenseVerdict verify(String licenseKey, String publicKey) {
        if (licenseKey == null || licenseKey.isBlank()) {
            return LicenseVerdict.refused(State.MISSING, "No license key is configured (licenseKey in " + PID + ").");
        }
        PublicKey vendorKey;
        try {
            vendorKey = publicKey == null || publicKey.isBlank() ? builtInPublicKey()
                    : Ed25519Pem.readPublic(publicKey);
        } catch (IllegalArgumentException e) {
            return LicenseVerdict.refused(State.MALFORMED,
                    "The vendor public key (publicKey in " + PID + ") is unusable: " + e.getMessage() + ".");
        }
        try {
            return LicenseVerdict.verified(LicenseKey.verify(licenseKey, vendorKey));
        } catch (InvalidLicenseKeyException e) {
            State state = e.problem() == InvalidLicenseKeyException.Problem.BAD_SIGNATURE ? State.BAD_SIGNATURE
                    : State.MALFORMED;
            return LicenseVerdict.refused(state, "The configured license key was refused: " + e.getMessage() + ".");
        } catch (InvalidKeyException e) {
            return LicenseVerdict.refused(State.MALFORMED,
                    "The vendor public key (publicKey in " + PID + ") is not an Ed25519 key.");
        }
    }

    static PublicKey builtInPublicKey() {
        try (InputStream in = SignedLicenseGate.class.getResourceAsStream(BUILT_IN_PUBLIC_KEY)) {
            if (in == null) {
                throw new IllegalArgumentException("the bundle's built-in key is missing");
            }
            return Ed25519Pem.readPublic(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("the bundle's built-in key cannot be read");
        }
    }

    private record UserCount(LicenseVerdict verdict, HostUsers host, long active, long readAtMillis,
            LicenseStatus status) {
    }
}
