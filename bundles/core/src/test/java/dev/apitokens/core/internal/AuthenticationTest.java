package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.spi.LicenseStatus;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import dev.apitokens.api.AuthenticationResult.Reason;

class AuthenticationTest {

    private static final String SUCCESS_TEXT = "has been authenticated via API Token";

    // cache off: every authentication here goes to the store and the hasher
    private final CoreFixture fixture = new CoreFixture(CoreFixture.config(0, 30, 5, false));
    private final FakeHasher hasher = new FakeHasher("fake-a");
    private final CreatedToken token;

    AuthenticationTest() {
        fixture.addHasher(hasher, 0);
        token = fixture.create(ALICE, "script", fixture.clock.instant().plus(Duration.ofDays(1)));
        fixture.log.clear();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private AuthenticationResult refused(Reason expected, String username, String presented) {
        AuthenticationResult result = fixture.service.authenticate(username, presented);
        assertFalse(result.isSuccess(), result.toString());
        assertEquals(expected, result.reason(), result.toString());
        assertNull(result.user());
        assertTrue(fixture.log.allText().stream().noneMatch(m -> m.contains(SUCCESS_TEXT)), "no success line");
        return result;
    }

    @Test
    void successLogsTheExactLineOnceAndNamesUserAndToken() {
        AuthenticationResult result = fixture.service.authenticate("alice", token.secret());
        assertTrue(result.isSuccess());
        assertEquals(ALICE, result.user());
        assertEquals(token.info().id(), result.tokenId());
        assertEquals(List.of("alice has been authenticated via API Token (" + token.info().id() + ")"),
                fixture.log.messages(Level.INFO));
        assertEquals(1, fixture.log.allText().stream().filter(m -> m.contains(SUCCESS_TEXT)).count());

        fixture.log.clear();
        assertTrue(fixture.service.authenticate(null, token.secret()).isSuccess(), "Bearer: no username");
        assertTrue(fixture.service.authenticate("", token.secret()).isSuccess(), "Basic with empty username");
        assertTrue(fixture.service.authenticate("ALICE", token.secret()).isSuccess(), "host decides name matching");
        assertEquals(3, fixture.log.messages(Level.INFO).size());
        assertTrue(fixture.log.messages(Level.INFO).stream().allMatch(
                m -> m.equals("alice has been authenticated via API Token (" + token.info().id() + ")")));
    }

    @Test
    void malformedInputIsRefusedWithoutStoreOrHashWork() {
        String secret = token.secret();
        String oneCharChanged = secret.substring(0, 30) + (secret.charAt(30) == 'Q' ? 'R' : 'Q') + secret.substring(31);
        for (String bad : new String[] {null, "", "  ", "hunter2", secret.substring(1), secret + "x", oneCharChanged}) {
            AuthenticationResult result = refused(Reason.MALFORMED, "alice", bad);
            assertNull(result.tokenId());
        }
        assertEquals(0, fixture.store.findByPublicIdCalls.get());
        assertEquals(0, hasher.verifyCalls.get());
    }

    @Test
    void unknownIdCostsAHashVerifyLikeAWrongSecret() {
        String unknown = TokenFormatTest.withChecksum("atok" + "ZZZZZZZZZZZZZZZZ" + token.secret().substring(20, 42));
        AuthenticationResult result = refused(Reason.UNKNOWN_TOKEN, "alice", unknown);
        assertEquals("ZZZZZZZZZZZZZZZZ", result.tokenId());
        assertEquals(1, hasher.verifyCalls.get(), "a dummy verify ran");
        refused(Reason.UNKNOWN_TOKEN, null, unknown);
        assertEquals(2, hasher.verifyCalls.get());

        String wrongSecret = TokenFormatTest.withChecksum(token.secret().substring(0, 20) + "0".repeat(22));
        refused(Reason.WRONG_SECRET, "alice", wrongSecret);
        assertEquals(3, hasher.verifyCalls.get(), "a wrong secret costs one verify too");
    }

    @Test
    void expiredTokenIsRefusedOnlyAfterItsSecretWasProven() {
        fixture.clock.advance(Duration.ofDays(1));
        refused(Reason.EXPIRED, "alice", token.secret());
        String wrongSecret = TokenFormatTest.withChecksum(token.secret().substring(0, 20) + "1".repeat(22));
        refused(Reason.WRONG_SECRET, "alice", wrongSecret);
    }

    @Test
    void tokenOfAnotherUserIsRefused() {
        refused(Reason.WRONG_USER, "bob", token.secret());
        refused(Reason.WRONG_USER, "nobody", token.secret());
        assertTrue(fixture.service.authenticate("alice", token.secret()).isSuccess());
    }

    @Test
    void unknownOrInactiveOwnerIsRefused() {
        fixture.users.put(new HostUser(ALICE.key(), "alice", "Alice", false, false));
        refused(Reason.USER_INACTIVE, null, token.secret());
        refused(Reason.USER_INACTIVE, "alice", token.secret());
        fixture.users.remove(ALICE.key());
        refused(Reason.USER_UNKNOWN, null, token.secret());
    }

    @Test
    void missingHasherIsRefusedWithADetailNamingTheAlgorithmAndTheTokenStaysManageable() {
        fixture.removeAllHashers();
        fixture.addHasher(new FakeHasher("fake-b"), 0);
        AuthenticationResult result = refused(Reason.HASHER_MISSING, "alice", token.secret());
        assertEquals(token.info().id(), result.tokenId());
        // the filter logs the refusal once, at WARN, with this detail (and the client address)
        assertTrue(result.detail().contains("no Hasher installed for algorithm fake-a"), result.detail());
        assertEquals("fake-a", fixture.service.list(ALICE.key()).get(0).algorithm());
        assertTrue(fixture.service.revoke(ALICE.key(), token.info().id()));
    }

    @Test
    void withNoHasherAtAllAuthenticationIsRefusedNotThrown() {
        fixture.removeAllHashers();
        refused(Reason.HASHER_MISSING, "alice", token.secret());
        String unknown = TokenFormatTest.withChecksum("atok" + "YYYYYYYYYYYYYYYY" + "2".repeat(22));
        refused(Reason.UNKNOWN_TOKEN, "alice", unknown);
    }

    @Test
    void unlicensedOrMissingGateIsRefused() {
        for (LicenseStatus.State state : LicenseStatus.State.values()) {
            fixture.license.state = state;
            AuthenticationResult result = fixture.service.authenticate("alice", token.secret());
            boolean allowed = state == LicenseStatus.State.VALID || state == LicenseStatus.State.UNLIMITED;
            assertEquals(allowed, result.isSuccess(), state.name());
            if (!allowed) {
                assertEquals(Reason.NOT_LICENSED, result.reason());
            }
        }
        fixture.service.licenseGate = null;
        fixture.log.clear();
        refused(Reason.NOT_LICENSED, "alice", token.secret());
    }

    @Test
    void storeOutageIsReportedAsUnavailable() {
        fixture.store.down = true;
        AuthenticationResult result = refused(Reason.STORE_UNAVAILABLE, "alice", token.secret());
        assertEquals(token.info().id(), result.tokenId());
        assertEquals("token authentication is temporarily unavailable", result.reason().clientMessage());
    }

    @Test
    void aThrowingHasherIsAWrongSecretNotAnError() {
        fixture.removeAllHashers();
        fixture.addHasher(new FakeHasher("fake-a") {
            @Override
            public boolean verify(byte[] secret, dev.apitokens.spi.PhcString stored) {
                throw new IllegalStateException("broken plug-in");
            }
        }, 0);
        refused(Reason.WRONG_SECRET, "alice", token.secret());
    }

    @Test
    void anUnreadableStoredHashIsRefused() {
        fixture.store.putHash(token.info().id(), "not a PHC string");
        refused(Reason.WRONG_SECRET, "alice", token.secret());
    }

    @Test
    void failuresAreLoggedWithTheTokenIdAndReason() {
        refused(Reason.WRONG_USER, "bob", token.secret());
        assertTrue(fixture.log.allText().stream()
                .anyMatch(m -> m.contains("WRONG_USER") && m.contains(token.info().id())));
    }
}
