package dev.apitokens.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenPolicyException;
import dev.apitokens.api.TokenPolicyException.Reason;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenScope;
import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.host.spi.HostUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AdminPolicyTest {

    private static final HostUser ALICE = new HostUser("key-alice", "alice", "Alice", true, false);
    private static final HostUser ADMIN = new HostUser("key-admin", "admin", "Admin", true, true);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeHostUsers users = new FakeHostUsers();

    AdminPolicyTest() {
        users.put(ALICE);
        users.put(ADMIN);
    }

    private AdminPolicy policy(boolean requireExpiry, int defaultDays, int maxDays, int maxTokens, List<String> groups,
            Set<TokenScope> scopes) {
        return new AdminPolicy(users, new TokenPolicy(requireExpiry, defaultDays, maxDays, maxTokens, groups, scopes),
                clock);
    }

    private static TokenRequest request(Instant expiresAt, TokenScope scope) {
        return new TokenRequest("ci", expiresAt, Set.of(scope), List.of(), List.of());
    }

    private Instant inDays(int days) {
        return clock.instant().plus(Duration.ofDays(days));
    }

    @Test
    void theDefaultPolicyLetsEverythingThroughUnchanged() {
        AdminPolicy policy = new AdminPolicy(users, ComponentConfig.of(AdminPolicy.Config.class, Map.of()));
        TokenRequest request = request(null, TokenScope.WRITE);
        assertEquals(request, policy.apply(ALICE, false, request, clock.instant(), () -> 1000));
        assertEquals(TokenPolicy.UNRESTRICTED, policy.settings());
        assertTrue(policy.mayCreate(ALICE));
        assertNull(policy.configurationError());
    }

    @Test
    void aRequestWithoutExpiryGetsTheDefaultLifetime() {
        TokenRequest applied = policy(false, 30, 0, 0, List.of(), Set.of()).apply(ALICE, false,
                request(null, TokenScope.WRITE), clock.instant(), () -> 0);
        assertEquals(inDays(30), applied.expiresAt());
        Instant given = inDays(3);
        assertEquals(given, policy(false, 30, 0, 0, List.of(), Set.of())
                .apply(ALICE, false, request(given, TokenScope.WRITE), clock.instant(), () -> 0).expiresAt(),
                "a given expiry stays");
    }

    @Test
    void requireExpiryAndMaximumLifetimeRefuseWithMessagesNamingTheRule() {
        TokenPolicyException required = assertThrows(TokenPolicyException.class,
                () -> policy(true, 0, 0, 0, List.of(), Set.of()).apply(ALICE, false, request(null, TokenScope.WRITE),
                        clock.instant(), () -> 0));
        assertEquals(Reason.EXPIRY_REQUIRED, required.reason());
        TokenPolicyException tooLong = assertThrows(TokenPolicyException.class,
                () -> policy(false, 0, 90, 0, List.of(), Set.of()).apply(ALICE, true,
                        request(inDays(91), TokenScope.WRITE), clock.instant(), () -> 0));
        assertEquals(Reason.LIFETIME_TOO_LONG, tooLong.reason());
        assertTrue(tooLong.getMessage().contains("at most 90 days (until 2026-04-01)"), tooLong.getMessage());
        assertEquals(inDays(90), policy(false, 0, 90, 0, List.of(), Set.of())
                .apply(ALICE, false, request(inDays(90), TokenScope.WRITE), clock.instant(), () -> 0).expiresAt());
        TokenPolicyException neverWithMaximum = assertThrows(TokenPolicyException.class,
                () -> policy(false, 0, 90, 0, List.of(), Set.of()).apply(ADMIN, true, request(null, TokenScope.WRITE),
                        clock.instant(), () -> 0));
        assertEquals(Reason.EXPIRY_REQUIRED, neverWithMaximum.reason(), "admins are bound by the lifetime rules");
        assertTrue(neverWithMaximum.getMessage().contains("at most 90 days"));
    }

    @Test
    void theTokenLimitCountsTheOwnersTokens() {
        AdminPolicy policy = policy(false, 0, 0, 2, List.of(), Set.of());
        policy.apply(ALICE, false, request(null, TokenScope.WRITE), clock.instant(), () -> 1);
        TokenPolicyException full = assertThrows(TokenPolicyException.class,
                () -> policy.apply(ALICE, false, request(null, TokenScope.WRITE), clock.instant(), () -> 2));
        assertEquals(Reason.TOO_MANY_TOKENS, full.reason());
        assertEquals("You have 2 tokens, the most the policy allows (2). Revoke one first.", full.getMessage());
        TokenPolicyException forOther = assertThrows(TokenPolicyException.class,
                () -> policy.apply(ALICE, true, request(null, TokenScope.WRITE), clock.instant(), () -> 2));
        assertTrue(forOther.getMessage().startsWith("alice has 2 tokens"), forOther.getMessage());
        int[] asked = { 0 };
        policy(false, 0, 0, 0, List.of(), Set.of()).apply(ALICE, false, request(null, TokenScope.WRITE),
                clock.instant(), () -> {
            asked[0]++;
            return 0;
        });
        assertEquals(0, asked[0], "without a limit the tokens are not counted");
    }

    @Test
    void onlyMembersOfTheCreatorGroupsAndAdminsMayCreate() {
        AdminPolicy policy = policy(false, 0, 0, 0, List.of("developers", "ci"), Set.of());
        assertFalse(policy.mayCreate(ALICE));
        TokenPolicyException refused = assertThrows(TokenPolicyException.class,
                () -> policy.apply(ALICE, false, request(null, TokenScope.WRITE), clock.instant(), () -> 0));
        assertEquals(Reason.NOT_PERMITTED, refused.reason());
        assertEquals("Only members of the groups developers, ci may create API tokens.", refused.getMessage());
        assertTrue(policy.mayCreate(ADMIN));
        // an admin creating for alice
        policy.apply(ALICE, true, request(null, TokenScope.WRITE), clock.instant(), () -> 0);
        users.addToGroup(ALICE.key(), "CI");
        assertTrue(policy.mayCreate(ALICE), "group names compare as the host compares them");
        policy.apply(ALICE, false, request(null, TokenScope.WRITE), clock.instant(), () -> 0);
    }

    @Test
    void theScopeLimitBindsUsersButNotAdmins() {
        AdminPolicy policy = policy(false, 0, 0, 0, List.of(), Set.of(TokenScope.READ));
        TokenPolicyException refused = assertThrows(TokenPolicyException.class,
                () -> policy.apply(ALICE, false, request(null, TokenScope.WRITE), clock.instant(), () -> 0));
        assertEquals(Reason.SCOPE_NOT_ALLOWED, refused.reason());
        assertEquals("Your tokens may only have the scope read, not write.", refused.getMessage());
        policy.apply(ALICE, false, request(null, TokenScope.READ), clock.instant(), () -> 0);
        policy.apply(ADMIN, false, request(null, TokenScope.WRITE), clock.instant(), () -> 0);
        policy.apply(ALICE, true, request(null, TokenScope.WRITE), clock.instant(), () -> 0);
    }

    @Test
    void existingTokensThatBreakTheRulesAreNamedNotRevoked() {
        AdminPolicy policy = policy(true, 0, 30, 0, List.of(), Set.of(TokenScope.READ));
        Instant created = clock.instant();
        TokenInfo forever = token(ALICE, created, null, TokenScope.READ);
        TokenInfo long100 = token(ALICE, created, created.plus(Duration.ofDays(100)), TokenScope.READ);
        TokenInfo fine = token(ALICE, created, created.plus(Duration.ofDays(30)), TokenScope.READ);
        TokenInfo writeOfUser = token(ALICE, created, created.plus(Duration.ofDays(1)), TokenScope.WRITE);
        TokenInfo writeOfAdmin = token(ADMIN, created, created.plus(Duration.ofDays(1)), TokenScope.WRITE);
        assertEquals(List.of("never expires; the policy requires an expiry"), policy.violations(forever));
        assertEquals(List.of("lives 100 days, longer than the policy's maximum of 30 days"),
                policy.violations(long100));
        assertEquals(List.of(), policy.violations(fine));
        assertEquals(List.of("has scope write; users may now only choose read"), policy.violations(writeOfUser));
        assertEquals(List.of(), policy.violations(writeOfAdmin));
    }

    @Test
    void aContradictoryConfigurationPausesCreationAndSaysWhy() {
        AdminPolicy policy = new AdminPolicy(users, ComponentConfig.of(AdminPolicy.Config.class,
                Map.of("defaultLifetimeDays", 100, "maxLifetimeDays", 30)));
        assertTrue(policy.configurationError().contains("longer than the maximum"), policy.configurationError());
        assertFalse(policy.mayCreate(ADMIN));
        TokenPolicyException paused = assertThrows(TokenPolicyException.class,
                () -> policy.apply(ADMIN, true, request(inDays(1), TokenScope.READ), clock.instant(), () -> 0));
        assertTrue(paused.getMessage().startsWith("Creating tokens is paused"), paused.getMessage());
        policy.modified(ComponentConfig.of(AdminPolicy.Config.class, Map.of("userScopes", new String[] { "admin" })));
        assertTrue(policy.configurationError().contains("unknown scope 'admin'"));
        policy.modified(ComponentConfig.of(AdminPolicy.Config.class, Map.of("maxLifetimeDays", 30)));
        assertNull(policy.configurationError());
        assertEquals(30, policy.settings().maxLifetimeDays());
        policy.apply(ADMIN, true, request(inDays(1), TokenScope.READ), clock.instant(), () -> 0);
    }

    private static TokenInfo token(HostUser owner, Instant created, Instant expires, TokenScope scope) {
        return new TokenInfo("id", 1, owner.key(), "label", created, null, 0, expires, "hmac-sha256", Set.of(scope),
                List.of(), List.of(), null, List.of());
    }
}
