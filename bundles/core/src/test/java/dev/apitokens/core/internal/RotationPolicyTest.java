package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ADMIN;
import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenPolicyException;
import dev.apitokens.api.TokenPolicyException.Reason;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenScope;
import dev.apitokens.hasher.tck.ComponentConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Rotation under the administrators' policy: the token keeps its remaining lifetime, gets the policy's default (or
 * maximum) when it never expired, and never more than the maximum from now; the rules for new tokens (creator
 * groups, scopes, the token limit) do not apply to replacing the secret of one that exists.
 */
class RotationPolicyTest {

    private static CoreFixture under(TokenPolicy policy) {
        CoreFixture fixture = new CoreFixture(policy);
        fixture.addHasher(new FakeHasher("fake"), null);
        return fixture;
    }

    /** A token made before the policy, by an admin for Alice (so the policy did not apply to it). */
    private static CreatedToken legacy(CoreFixture fixture, Instant expiresAt) {
        return fixture.service.create(ALICE.key(), new TokenRequest("legacy", expiresAt, null, null, null),
                ADMIN.key());
    }

    private static CreatedToken rotate(CoreFixture fixture, CreatedToken token) {
        return fixture.service.rotate(ALICE.key(), token.info().id()).orElseThrow();
    }

    /** A second service on the fixture's store under a policy set after its tokens were made. */
    private static CoreTokenService setLater(CoreFixture fixture, TokenPolicy policy) {
        CoreTokenService service = new CoreTokenService(fixture.store, fixture.users,
                new AdminPolicy(fixture.users, policy, fixture.clock), CoreFixture.config(10000, 30, 5, false),
                fixture.clock, fixture.scheduler, fixture.rehashQueue);
        service.hashers = fixture.service.hashers;
        service.licenseGate = fixture.license;
        return service;
    }

    @Test
    void aTokenThatNeverExpiredGetsTheDefaultLifetimeFromNow() {
        try (CoreFixture fixture = new CoreFixture()) {
            fixture.addHasher(new FakeHasher("fake"), null);
            CreatedToken forever = fixture.create(ALICE, "forever");
            CoreTokenService service = setLater(fixture,
                    new TokenPolicy(true, 7, 0, 0, List.of(), Set.of(TokenScope.values())));
            fixture.clock.advance(Duration.ofDays(3));

            CreatedToken rotated = service.rotate(ALICE.key(), forever.info().id()).orElseThrow();

            assertEquals(fixture.clock.instant().plus(Duration.ofDays(7)), rotated.info().expiresAt());
            assertEquals(rotated.info().expiresAt(), fixture.store.get(rotated.info().id()).expiresAt());
            service.deactivate();
        }
    }

    @Test
    void theDefaultLifetimeCountsFromTheInstantOfTheRotation() {
        try (CoreFixture fixture = new CoreFixture()) {
            fixture.addHasher(new FakeHasher("fake"), null);
            CreatedToken forever = fixture.create(ALICE, "forever");
            CoreTokenService service = setLater(fixture,
                    new TokenPolicy(false, 7, 30, 0, List.of(), Set.of(TokenScope.values())));
            fixture.clock.tickAtEveryReading(Duration.ofMillis(1));

            CreatedToken rotated = service.rotate(ALICE.key(), forever.info().id()).orElseThrow();

            assertEquals(rotated.info().createdAt().plus(Duration.ofDays(7)), rotated.info().expiresAt());
            service.deactivate();
        }
    }

    @Test
    void withoutADefaultTheMaximumIsGivenAndALongerExpiryIsCutToIt() {
        try (CoreFixture fixture = new CoreFixture()) {
            fixture.addHasher(new FakeHasher("fake"), null);
            CreatedToken forever = legacy(fixture, null);
            CreatedToken year = legacy(fixture, fixture.clock.instant().plus(Duration.ofDays(365)));
            CreatedToken week = legacy(fixture, fixture.clock.instant().plus(Duration.ofDays(7)));
            CoreTokenService service = setLater(fixture,
                    new TokenPolicy(false, 0, 30, 0, List.of(), Set.of(TokenScope.values())));
            fixture.clock.advance(Duration.ofDays(1));
            Instant latest = fixture.clock.instant().plus(Duration.ofDays(30));

            assertEquals(latest, service.rotate(ALICE.key(), forever.info().id()).orElseThrow().info().expiresAt());
            assertEquals(latest, service.rotate(ALICE.key(), year.info().id()).orElseThrow().info().expiresAt());
            assertEquals(week.info().expiresAt(),
                    service.rotate(ALICE.key(), week.info().id()).orElseThrow().info().expiresAt(),
                    "the remaining lifetime is kept when it is within the maximum");
            service.deactivate();
        }
    }

    @Test
    void anExpiryIsRequiredButThePolicyGivesNoLifetimeSoTheTokenStaysAsItWas() {
        try (CoreFixture fixture = new CoreFixture()) {
            fixture.addHasher(new FakeHasher("fake"), null);
            CreatedToken forever = fixture.create(ALICE, "forever");
            CoreTokenService service = setLater(fixture,
                    new TokenPolicy(true, 0, 0, 0, List.of(), Set.of(TokenScope.values())));

            TokenPolicyException refused = assertThrows(TokenPolicyException.class,
                    () -> service.rotate(ALICE.key(), forever.info().id()));

            assertEquals(Reason.EXPIRY_REQUIRED, refused.reason());
            assertTrue(refused.getMessage().contains("create a new token with an expiry date"), refused.getMessage());
            assertTrue(service.authenticate(null, forever.secret()).isSuccess(), "the old secret still works");
            service.deactivate();
        }
    }

    @Test
    void aUserOutsideTheCreatorGroupsMayRotateAndTheScopeAndLimitDoNotApply() {
        try (CoreFixture fixture = under(new TokenPolicy(false, 0, 0, 1, List.of("developers"),
                Set.of(TokenScope.READ)))) {
            CreatedToken write = fixture.service.create(ALICE.key(),
                    new TokenRequest("deploy", null, Set.of(TokenScope.WRITE), null, null), ADMIN.key());
            assertFalse(fixture.service.mayCreate(ALICE.key()));
            assertEquals(Reason.NOT_PERMITTED, assertThrows(TokenPolicyException.class,
                    () -> fixture.service.create(ALICE.key(), "another", null)).reason());

            CreatedToken rotated = rotate(fixture, write);

            assertEquals(List.of(Set.of(TokenScope.WRITE), ADMIN.key(), 1), List.of(rotated.info().scopes(),
                    rotated.info().createdBy(), fixture.service.list(ALICE.key()).size()));
            assertTrue(fixture.service.authenticate(null, rotated.secret()).isSuccess());
        }
    }

    @Test
    void whileThePolicyIsMisconfiguredRotationKeepsTheExpiry() {
        try (CoreFixture fixture = new CoreFixture()) {
            fixture.addHasher(new FakeHasher("fake"), null);
            CreatedToken forever = fixture.create(ALICE, "forever");
            AdminPolicy broken = new AdminPolicy(fixture.users, ComponentConfig.of(AdminPolicy.Config.class,
                    Map.of("userScopes", new String[] { "admin" })));
            assertTrue(broken.configurationError() != null);

            assertEquals(null, broken.expiryOnRotation(null, Instant.now()));
            Instant far = fixture.clock.instant().plus(Duration.ofDays(9999));
            assertEquals(far, broken.expiryOnRotation(far, Instant.now()));
            assertEquals(null, fixture.store.get(forever.info().id()).expiresAt());
        }
    }
}
