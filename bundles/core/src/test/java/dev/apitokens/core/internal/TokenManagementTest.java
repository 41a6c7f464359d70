package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static dev.apitokens.core.internal.CoreFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.api.Page;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.spi.LicenseStatus;
import dev.apitokens.spi.PhcString;
import dev.apitokens.spi.StoredToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.apitokens.api.AuthenticationResult.Reason;

class TokenManagementTest {

    private final CoreFixture fixture = new CoreFixture();
    private final FakeHasher hasher = new FakeHasher("fake-a");

    TokenManagementTest() {
        fixture.addHasher(hasher, 100);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void createStoresOnlyAHashOfTheWholeTokenAndReturnsTheSecretOnce() {
        CreatedToken created = fixture.create(ALICE, "  CI pipeline \t");
        TokenInfo info = created.info();
        assertTrue(fixture.service.isTokenFormat(created.secret()));
        assertEquals(TokenFormat.publicIdOf(created.secret()), info.id());
        assertEquals("CI pipeline", info.label());
        assertEquals(ALICE.key(), info.userKey());
        assertEquals(fixture.clock.instant(), info.createdAt());
        assertEquals("fake-a", info.algorithm());
        assertEquals(0, info.usageCount());
        assertNull(info.lastAccessed());
        assertNull(info.expiresAt());

        StoredToken stored = fixture.store.get(info.id());
        assertFalse(stored.hash().contains(created.secret()));
        assertTrue(hasher.verify(created.secret().getBytes(StandardCharsets.UTF_8), PhcString.parse(stored.hash())),
                "the hash covers the whole token string's UTF-8 bytes");
        assertFalse(created.toString().contains(created.secret()));
    }

    @Test
    void labelMustNotBeEmptyAfterTrimming() {
        for (String label : new String[] {null, "", "   ", "\t\n"}) {
            InvalidTokenRequestException e = assertThrows(InvalidTokenRequestException.class,
                    () -> fixture.service.create(ALICE.key(), label, null));
            assertEquals("Enter a label for the token.", e.getMessage());
        }
        assertEquals(0, fixture.store.findByUser(ALICE.key()).size(), "nothing stored");
    }

    @Test
    void labelMayHave255CharactersButNot256() {
        assertEquals(255, fixture.create(ALICE, "x".repeat(255)).info().label().length());
        assertEquals("y".repeat(255), fixture.create(ALICE, "  " + "y".repeat(255) + "  ").info().label());
        // Java chars (UTF-16 units), which every database's VARCHAR(255) holds: an emoji counts twice
        assertEquals(254, fixture.create(ALICE, "\uD83D\uDE00".repeat(127)).info().label().length());
        assertThrows(InvalidTokenRequestException.class,
                () -> fixture.service.create(ALICE.key(), "\uD83D\uDE00".repeat(128), null));
        InvalidTokenRequestException e = assertThrows(InvalidTokenRequestException.class,
                () -> fixture.service.create(ALICE.key(), "x".repeat(256), null));
        assertTrue(e.getMessage().contains("255"), e.getMessage());
        assertEquals(3, fixture.store.findByUser(ALICE.key()).size());
    }

    @Test
    void expiryMustBeInTheFuture() {
        Instant now = fixture.clock.instant();
        for (Instant past : new Instant[] {now, now.minusMillis(1), now.minus(Duration.ofDays(3))}) {
            InvalidTokenRequestException e = assertThrows(InvalidTokenRequestException.class,
                    () -> fixture.service.create(ALICE.key(), "old", past));
            assertEquals("The expiry date must be in the future.", e.getMessage());
        }
        Instant future = now.plus(Duration.ofDays(30));
        assertEquals(future, fixture.create(ALICE, "new", future).info().expiresAt());
    }

    @Test
    void withoutAnyHasherCreateFailsWithAClearRetryLaterException() {
        fixture.removeAllHashers();
        TokenStoreUnavailableException e = assertThrows(TokenStoreUnavailableException.class,
                () -> fixture.service.create(ALICE.key(), "label", null));
        assertInstanceOf(NoHasherException.class, e);
        assertTrue(e.getMessage().contains("No API token hasher is installed"), e.getMessage());
    }

    @Test
    void listRevokeAndRevokeAllActOnTheUsersOwnTokensOnly() {
        CreatedToken a1 = fixture.create(ALICE, "a1");
        CreatedToken a2 = fixture.create(ALICE, "a2");
        CreatedToken b1 = fixture.create(BOB, "b1");
        assertEquals(List.of("a1", "a2"), fixture.service.list(ALICE.key()).stream().map(TokenInfo::label).toList());
        assertEquals(List.of(), fixture.service.list("nobody"));

        assertFalse(fixture.service.revoke(ALICE.key(), b1.info().id()), "another user's token");
        assertNotNull(fixture.store.get(b1.info().id()));
        assertFalse(fixture.service.revoke(ALICE.key(), "no-such-id"));
        assertFalse(fixture.service.revoke(ALICE.key(), null));
        assertTrue(fixture.service.revoke(ALICE.key(), a1.info().id()));
        assertFalse(fixture.service.revoke(ALICE.key(), a1.info().id()), "already gone");

        assertEquals(1, fixture.service.revokeAll(ALICE.key()));
        assertEquals(List.of(), fixture.service.list(ALICE.key()));
        assertNull(fixture.store.get(a2.info().id()));
        assertEquals(1, fixture.service.list(BOB.key()).size());
    }

    @Test
    void adminListingAndRevokeAnyMapToTheStore() {
        fixture.create(ALICE, "deploy");
        fixture.create(BOB, "Deploy bot");
        CreatedToken other = fixture.create(BOB, "backup");
        Page<TokenInfo> page = fixture.service.listAll(new TokenQuery(null, "deploy", null, 0, 1));
        assertEquals(2, page.total());
        assertEquals(1, page.items().size());
        assertTrue(page.hasMore());
        assertEquals("fake-a", page.items().get(0).algorithm());
        assertEquals("deploy", page.items().get(0).label());
        Page<TokenInfo> second = fixture.service.listAll(new TokenQuery(null, "deploy", null, 0, 1).nextPage());
        assertEquals("Deploy bot", second.items().get(0).label());
        assertFalse(second.hasMore());

        assertTrue(fixture.service.revokeAny(other.info().id()));
        assertFalse(fixture.service.revokeAny(other.info().id()));
        assertFalse(fixture.service.revokeAny("garbage"));
        assertEquals(2, fixture.service.listAll(TokenQuery.firstPage(10)).total());
    }

    @Test
    void newTokensUseTheHighestRankedHasherWithTiesToTheOlderService() {
        FakeHasher low = new FakeHasher("fake-low");
        FakeHasher tieYounger = new FakeHasher("fake-tie");
        FakeHasher notAnInteger = new FakeHasher("fake-string-ranking");
        fixture.addHasher(low, -5);
        fixture.addHasher(tieYounger, 100);
        fixture.addHasher(notAnInteger, "1000");
        assertEquals("fake-a", fixture.create(ALICE, "t1").info().algorithm(), "tie: lower service.id wins");

        FakeHasher high = new FakeHasher("fake-high");
        fixture.addHasher(high, 101);
        assertEquals("fake-high", fixture.create(ALICE, "t2").info().algorithm());
        assertEquals(1, high.hashCalls.get());
        assertEquals(0, low.hashCalls.get() + tieYounger.hashCalls.get() + notAnInteger.hashCalls.get());
    }

    @Test
    void tokensAreVerifiedByTheHasherTheirHashNames() {
        CreatedToken old = fixture.create(ALICE, "old");
        FakeHasher newer = new FakeHasher("fake-new");
        fixture.addHasher(newer, 200);
        CreatedToken fresh = fixture.create(ALICE, "fresh");
        assertEquals("fake-new", fresh.info().algorithm());

        assertTrue(fixture.service.authenticate("alice", old.secret()).isSuccess());
        assertEquals(1, hasher.verifyCalls.get());
        assertEquals(0, newer.verifyCalls.get());
        assertTrue(fixture.service.authenticate("alice", fresh.secret()).isSuccess());
        assertEquals(1, newer.verifyCalls.get());
    }

    @Test
    void managementWorksWithoutALicenseWhileAuthenticationIsRefused() {
        fixture.license.state = LicenseStatus.State.EXPIRED;
        CreatedToken created = fixture.create(ALICE, "unlicensed");
        assertEquals(1, fixture.service.list(ALICE.key()).size());
        assertEquals(Reason.NOT_LICENSED, fixture.service.authenticate("alice", created.secret()).reason());
        assertEquals(1, fixture.service.listAll(TokenQuery.firstPage(5)).total());
        assertTrue(fixture.service.revoke(ALICE.key(), created.info().id()));

        fixture.service.licenseGate = null;
        CreatedToken second = fixture.create(ALICE, "no gate at all");
        assertEquals(Reason.NOT_LICENSED, fixture.service.authenticate(null, second.secret()).reason());
        assertEquals(1, fixture.service.revokeAll(ALICE.key()));
    }
}
