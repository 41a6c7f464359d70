package dev.apitokens.license.upm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.upm.api.license.PluginLicenseManager;
import com.atlassian.upm.api.license.entity.LicenseError;
import com.atlassian.upm.api.license.entity.PluginLicense;
import com.atlassian.upm.api.util.Option;
import dev.apitokens.spi.LicenseStatus;
import dev.apitokens.spi.LicenseStatus.State;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class UpmLicenseGateTest {

    private static UpmLicenseGate.Config cacheSeconds(int seconds) {
        return new UpmLicenseGate.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return UpmLicenseGate.Config.class;
            }

            @Override
            public int cacheSeconds() {
                return seconds;
            }
        };
    }

    private static PluginLicense license(LicenseError error) {
        return () -> error == null ? Option.none() : Option.some(error);
    }

    private static LicenseStatus statusOf(Supplier<Option<PluginLicense>> upm) {
        PluginLicenseManager manager = upm::get;
        return new UpmLicenseGate(manager, cacheSeconds(0)).status();
    }

    @Test
    void aLicenseWithoutErrorAllowsTokens() {
        LicenseStatus status = statusOf(() -> Option.some(license(null)));
        assertEquals(State.VALID, status.state());
        assertTrue(status.allowsAuthentication());
    }

    @Test
    void noLicenseRefusesTokensAndSaysWhy() {
        LicenseStatus status = statusOf(Option::none);
        assertEquals(State.MISSING, status.state());
        assertFalse(status.allowsAuthentication());
        assertTrue(status.message().contains("No app license"), status.message());
    }

    @Test
    void anExpiredLicenseRefusesTokens() {
        LicenseStatus status = statusOf(() -> Option.some(license(LicenseError.EXPIRED)));
        assertEquals(State.EXPIRED, status.state());
        assertTrue(status.message().contains("EXPIRED"), status.message());
        assertEquals(State.OVER_USER_TIER, statusOf(() -> Option.some(license(LicenseError.USER_MISMATCH))).state());
        assertEquals(State.MALFORMED, statusOf(() -> Option.some(license(LicenseError.TYPE_MISMATCH))).state());
    }

    @Test
    void aFailingUpmRefusesTokensWithoutThrowing() {
        LicenseStatus status = statusOf(() -> {
            throw new IllegalStateException("UPM is restarting");
        });
        assertEquals(State.MISSING, status.state());
        assertTrue(status.message().contains("IllegalStateException"), status.message());
    }

    @Test
    void theVerdictIsCachedForTheConfiguredTime() {
        AtomicInteger asked = new AtomicInteger();
        PluginLicenseManager upm = () -> {
            asked.incrementAndGet();
            return Option.none();
        };
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        MutableClock clock = new MutableClock(start);
        UpmLicenseGate gate = new UpmLicenseGate(upm, cacheSeconds(60), clock);
        gate.status();
        clock.now = start.plus(Duration.ofSeconds(59));
        gate.status();
        assertEquals(1, asked.get());
        clock.now = start.plus(Duration.ofSeconds(60));
        gate.status();
        assertEquals(2, asked.get());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
