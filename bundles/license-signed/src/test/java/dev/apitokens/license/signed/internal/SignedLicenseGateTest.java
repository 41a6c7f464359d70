package dev.apitokens.license.signed.internal;

import static dev.apitokens.license.signed.internal.TestKeys.ACME;
import static dev.apitokens.license.signed.internal.TestKeys.EXPIRES;
import static dev.apitokens.license.signed.internal.TestKeys.ISSUED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.LicenseStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.apitokens.spi.LicenseStatus.State;

class SignedLicenseGateTest {

    private static final String VENDOR_KEY = Ed25519Pem.publicPem(TestKeys.VENDOR.getPublic());
    private final MutableClock clock = new MutableClock(Instant.parse("2027-06-01T00:00:00Z"));

    @Test
    void noKeyIsMissing() {
        for (String key : new String[] { "", "  \n" }) {
            LicenseStatus status = gate(key).status();
            assertEquals(State.MISSING, status.state());
            assertFalse(status.allowsAuthentication());
            assertTrue(status.message().contains("licenseKey in dev.apitokens.license.signed"), status.message());
            assertTrue(status.message().contains("tokens can still be managed"), status.message());
        }
    }

    @Test
    void garbageIsMalformed() {
        String key = TestKeys.sign(ACME).replace('.', '-');
        LicenseStatus status = gate(key).status();

        assertEquals(State.MALFORMED, status.state());
        assertNull(status.licensee());
        assertTrue(status.message().contains("two parts"), status.message());
        assertNoKeyMaterial(key, status);
    }

    @Test
    void keyOfAnotherVendorHasABadSignature() {
        String key = TestKeys.sign(ACME, TestKeys.OTHER_VENDOR);
        LicenseStatus status = gate(key).status();

        assertEquals(State.BAD_SIGNATURE, status.state());
        assertNull(status.licensee(), "an unverified licensee is not reported");
        assertNoKeyMaterial(key, status);
    }

    @Test
    void everyTamperedCharacterIsRefusedByTheGate() {
        String key = TestKeys.sign(ACME);
        // a representative sample: start, both sides of the '.', the end, and every 7th position
        for (int i = 0; i < key.length(); i++) {
            if (i % 7 != 0 && Math.abs(i - key.indexOf('.')) > 1 && i != key.length() - 1) {
                continue;
            }
            char[] chars = key.toCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            LicenseStatus status = gate(new String(chars)).status();
            assertFalse(status.allowsAuthentication(), "position " + i + ": " + status);
        }
    }

    @Test
    void pastExpiryIsExpiredWithTheLicenseFacts() {
        clock.set(EXPIRES.plusSeconds(1));
        LicenseStatus status = gate(TestKeys.sign(ACME)).status();

        assertEquals(State.EXPIRED, status.state());
        assertEquals("Acme Corporation", status.licensee());
        assertEquals(EXPIRES, status.expiresAt());
        assertEquals(500, status.userTier());
        assertTrue(status.message().contains("expired at 2027-12-31T23:59:59Z"), status.message());
    }

    @Test
    void licenseExpiresWhileRunningWithoutReconfiguration() {
        SignedLicenseGate gate = gate(TestKeys.sign(ACME));
        clock.set(EXPIRES);
        assertEquals(State.VALID, gate.status().state(), "still valid at the expiry instant");

        clock.set(EXPIRES.plusSeconds(1));
        assertEquals(State.EXPIRED, gate.status().state());
    }

    @Test
    void validLicenseReportsItsFacts() {
        SignedLicenseGate gate = gate(TestKeys.sign(ACME));
        LicenseStatus status = gate.status();

        assertEquals(State.VALID, status.state());
        assertTrue(status.allowsAuthentication());
        assertEquals("Acme Corporation", status.licensee());
        assertEquals(EXPIRES, status.expiresAt());
        assertEquals(500, status.userTier());
        assertEquals("Licensed to Acme Corporation (" + ACME.id() + ") until 2027-12-31T23:59:59Z for 500 users.",
                status.message());
        assertSame(status, gate.status(), "nothing is recomputed between configuration changes");
    }

    @Test
    void moreActiveUsersThanTheTierIsOverTheTier() {
        SignedLicenseGate gate = gate(TestKeys.sign(ACME));
        CountingUsers users = new CountingUsers(501);
        gate.hostUsers = users;
        LicenseStatus status = gate.status();

        assertEquals(State.OVER_USER_TIER, status.state());
        assertFalse(status.allowsAuthentication());
        assertEquals("Acme Corporation", status.licensee());
        assertEquals(500, status.userTier());
        assertTrue(status.message().contains("covers 500 users but the host has 501 active users"), status.message());

        users.active = 500;
        clock.advance(Duration.ofSeconds(61));
        status = gate.status();
        assertEquals(State.VALID, status.state(), "exactly the tier is covered");
        assertTrue(status.message().endsWith("The host has 500 active users."), status.message());
    }

    @Test
    void withoutAHostUserDirectoryTheTierCannotBeExceeded() {
        License one = new License("small", "Tiny Ltd", ISSUED, EXPIRES, 1);

        assertEquals(State.VALID, gate(TestKeys.sign(one)).status().state());
    }

    @Test
    void unlimitedTierNeverCountsUsers() {
        SignedLicenseGate gate = gate(TestKeys.sign(new License("big", "Big Inc", ISSUED, null, 0)));
        CountingUsers users = new CountingUsers(1_000_000);
        gate.hostUsers = users;

        LicenseStatus status = gate.status();
        assertEquals(State.VALID, status.state());
        assertNull(status.expiresAt());
        assertEquals(0, status.userTier());
        assertTrue(status.message().contains("with no expiry for unlimited users"), status.message());
        assertEquals(0, users.calls.get());
    }

    @Test
    void activeUserCountIsCachedForTheConfiguredTime() {
        SignedLicenseGate gate = gate(TestKeys.sign(ACME));
        CountingUsers users = new CountingUsers(10);
        gate.hostUsers = users;

        for (int i = 0; i < 100; i++) {
            gate.status();
        }
        assertEquals(1, users.calls.get());
        clock.advance(Duration.ofSeconds(59));
        gate.status();
        assertEquals(1, users.calls.get());
        clock.advance(Duration.ofSeconds(1));
        gate.status();
        assertEquals(2, users.calls.get(), "asked again after 60 s");

        CountingUsers other = new CountingUsers(10);
        gate.hostUsers = other;
        gate.status();
        assertEquals(1, other.calls.get(), "a replaced host directory is asked at once");

        gate.modified(config(TestKeys.sign(ACME), VENDOR_KEY, 0));
        gate.status();
        gate.status();
        assertEquals(3, other.calls.get(), "0 seconds: asked on every check");
    }

    @Test
    void aFailingUserDirectoryKeepsTheLastCountOrDoesNotEnforceTheTier() {
        SignedLicenseGate gate = gate(TestKeys.sign(ACME));
        CountingUsers users = new CountingUsers(-1);
        gate.hostUsers = users;
        LicenseStatus status = gate.status();
        assertEquals(State.VALID, status.state());
        assertTrue(status.message().endsWith("The active users could not be counted."), status.message());

        gate.modified(config(TestKeys.sign(ACME), VENDOR_KEY, 0));
        users.active = 900;
        assertEquals(State.OVER_USER_TIER, gate.status().state());
        users.active = -1;
        assertEquals(State.OVER_USER_TIER, gate.status().state(), "the last known count stays in force");
    }

    @Test
    void reconfigurationReplacesTheVerdictInPlace() {
        SignedLicenseGate gate = gate("");
        assertEquals(State.MISSING, gate.status().state());

        gate.modified(config(TestKeys.sign(ACME), VENDOR_KEY, 60));
        assertEquals(State.VALID, gate.status().state());
    }

    @Test
    void unusablePublicKeyConfigurationIsReported() throws Exception {
        String rsa = Base64.getEncoder()
                .encodeToString(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());
        for (String publicKey : new String[] { "not a key", rsa }) {
            LicenseStatus status = new SignedLicenseGate(config(TestKeys.sign(ACME), publicKey, 60), clock).status();
            assertEquals(State.MALFORMED, status.state());
            assertTrue(status.message().contains("publicKey in dev.apitokens.license.signed"), status.message());
        }
    }

    @Test
    void builtInVendorKeyIsUsedWhenNoneIsConfigured() {
        SignedLicenseGate.builtInPublicKey();
        LicenseStatus status = new SignedLicenseGate(config(TestKeys.sign(ACME), "", 60), clock).status();

        assertEquals(State.BAD_SIGNATURE, status.state(), "the test key pair is not the vendor's");
    }

    @Test
    void theLogNeverContainsTheKey() {
        String valid = TestKeys.sign(ACME);
        String[] keys = { valid, valid.substring(1), TestKeys.sign(ACME, TestKeys.OTHER_VENDOR), valid + ".x" };
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String key : keys) {
                gate(key).status();
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("License key verified") && log.contains("License key refused (BAD_SIGNATURE)"), log);
        for (String key : keys) {
            for (int i = 0; i + 12 <= key.length(); i += 6) {
                assertFalse(log.contains(key.substring(i, i + 12)), "key material in the log: " + log);
            }
        }
    }

    private SignedLicenseGate gate(String licenseKey) {
        return new SignedLicenseGate(config(licenseKey, VENDOR_KEY, 60), clock);
    }

    private static void assertNoKeyMaterial(String key, LicenseStatus status) {
        for (String part : key.split("[.-]")) {
            if (part.length() >= 8) {
                assertFalse(status.message().contains(part.substring(0, 8)), status.message());
            }
        }
    }

    static SignedLicenseGate.Config config(String licenseKey, String publicKey, int cacheSeconds) {
        return new SignedLicenseGate.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SignedLicenseGate.Config.class;
            }

            @Override
            public String licenseKey() {
                return licenseKey;
            }

            @Override
            public String publicKey() {
                return publicKey;
            }

            @Override
            public int userCountCacheSeconds() {
                return cacheSeconds;
            }

            @Override
            public int service_ranking() {
                return 0;
            }
        };
    }
}
