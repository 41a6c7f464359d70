package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ADMIN;
import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenPolicyException;
import dev.apitokens.api.TokenPolicyException.Reason;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenScope;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The token service applies the administrators' policy to what it stores. */
class PolicyOnCreateTest {

    @Test
    void theDefaultLifetimeIsStoredAndTheLimitCountsStoredTokens() {
        try (CoreFixture fixture = new CoreFixture(new TokenPolicy(false, 7, 30, 2, List.of(), Set.of()))) {
            fixture.addHasher(new FakeHasher("fake"), null);
            CreatedToken first = fixture.create(ALICE, "one");
            assertEquals(fixture.clock.instant().plus(Duration.ofDays(7)), first.info().expiresAt());
            assertEquals(first.info().expiresAt(), fixture.store.get(first.info().id()).expiresAt());
            fixture.create(ALICE, "two");
            TokenPolicyException third = assertThrows(TokenPolicyException.class,
                    () -> fixture.create(ALICE, "three"));
            assertEquals(Reason.TOO_MANY_TOKENS, third.reason());
            assertEquals(2, fixture.service.list(ALICE.key()).size(), "nothing was stored for the refused request");
            fixture.service.revoke(ALICE.key(), first.info().id());
            fixture.create(ALICE, "three");
            assertEquals(List.of(), fixture.service.policyViolations(first.info()));
        }
    }

    @Test
    void theDefaultLifetimeCountsFromTheInstantTheTokenIsCreatedAt() {
        try (CoreFixture fixture = new CoreFixture(new TokenPolicy(false, 30, 0, 0, List.of(), Set.of()))) {
            fixture.addHasher(new FakeHasher("fake"), null);
            fixture.clock.tickAtEveryReading(Duration.ofMillis(1));
            CreatedToken created = fixture.create(ALICE, "ci");
            assertEquals(created.info().createdAt().plus(Duration.ofDays(30)), created.info().expiresAt());
        }
    }

    @Test
    void concurrentCreatesOfOneOwnerNeverExceedTheLimit() throws Exception {
        try (CoreFixture fixture = new CoreFixture(new TokenPolicy(false, 0, 0, 3, List.of(), Set.of()))) {
            fixture.addHasher(new FakeHasher("fake"), null);
            int threads = 16;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        fixture.create(ALICE, "parallel " + n);
                    } catch (TokenPolicyException e) {
                        assertEquals(Reason.TOO_MANY_TOKENS, e.reason());
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(3, fixture.service.list(ALICE.key()).size(), "the limit held under 16 concurrent creates");
            assertEquals(threads - 3, refused.get());
        }
    }

    @Test
    void anAdminCreatingForAUserIsNotBoundByGroupsOrScopes() {
        try (CoreFixture fixture = new CoreFixture(
                new TokenPolicy(false, 0, 0, 0, List.of("developers"), Set.of(TokenScope.READ)))) {
            fixture.addHasher(new FakeHasher("fake"), null);
            TokenRequest write = new TokenRequest("deploy", null, Set.of(TokenScope.WRITE), List.of(), List.of());
            assertFalse(fixture.service.mayCreate(ALICE.key()));
            assertEquals(Reason.NOT_PERMITTED, assertThrows(TokenPolicyException.class,
                    () -> fixture.service.create(ALICE.key(), write, ALICE.key())).reason());
            CreatedToken made = fixture.service.create(ALICE.key(), write, ADMIN.key());
            assertEquals(TokenScope.WRITE, made.info().scope());
            assertEquals(ADMIN.key(), made.info().createdBy());
            fixture.users.addToGroup(ALICE.key(), "developers");
            assertTrue(fixture.service.mayCreate(ALICE.key()));
            assertEquals(Reason.SCOPE_NOT_ALLOWED, assertThrows(TokenPolicyException.class,
                    () -> fixture.service.create(ALICE.key(), write, ALICE.key())).reason());
            assertEquals(List.of("has scope write; users may now only choose read"),
                    fixture.service.policyViolations(made.info()));
            assertEquals(Set.of(TokenScope.READ), fixture.service.policy().userScopes());
        }
    }

    @Test
    void aTokenForAUserTheHostDoesNotKnowIsRefused() {
        try (CoreFixture fixture = new CoreFixture()) {
            fixture.addHasher(new FakeHasher("fake"), null);
            assertThrows(InvalidTokenRequestException.class,
                    () -> fixture.service.create("key-nobody", "label", null));
            assertFalse(fixture.service.mayCreate("key-nobody"));
        }
    }
}
