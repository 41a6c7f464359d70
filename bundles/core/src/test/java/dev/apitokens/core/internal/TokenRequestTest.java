package dev.apitokens.core.internal;

import static dev.apitokens.core.internal.CoreFixture.ALICE;
import static dev.apitokens.core.internal.CoreFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenScope;
import dev.apitokens.spi.StoredToken;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Creating tokens with scopes, path and address restrictions, and for another user. */
class TokenRequestTest {

    private final CoreFixture fixture = new CoreFixture();

    TokenRequestTest() {
        fixture.addHasher(new FakeHasher("fake-a"), 100);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private CreatedToken create(List<String> paths, List<String> ips) {
        return fixture.service.create(ALICE.key(),
                new TokenRequest("restricted", null, Set.of(TokenScope.READ), paths, ips), ALICE.key());
    }

    @Test
    void keepsScopePathsAndAddressesNormalised() {
        CreatedToken created = create(List.of(" /rest/api/2/issue/ ", "/rest/api/2/issue", "/rest/agile"),
                List.of("10.1.2.3", "192.168.0.0/16", "2001:DB8:0:0:0:0:0:0/32", "10.1.2.3"));
        TokenInfo info = created.info();
        assertEquals(Set.of(TokenScope.READ), info.scopes());
        assertEquals(List.of("/rest/api/2/issue", "/rest/agile"), info.allowedPaths());
        assertEquals(List.of("10.1.2.3", "192.168.0.0/16", "2001:db8::/32"), info.allowedIps());
        assertNull(info.createdBy());
        StoredToken stored = fixture.store.get(info.id());
        assertEquals(List.of(Set.of(TokenScope.READ), info.allowedPaths(), info.allowedIps()),
                List.of(stored.scopes(), stored.allowedPaths(), stored.allowedIps()));
        assertEquals(info.allowedPaths(), fixture.service.list(ALICE.key()).get(0).allowedPaths());
    }

    @Test
    void theOldCreateMakesAWriteTokenWithoutRestrictions() {
        TokenInfo info = fixture.service.create(ALICE.key(), "seed", null).info();
        assertEquals(List.of(Set.of(TokenScope.WRITE), List.of(), List.of()),
                List.of(info.scopes(), info.allowedPaths(), info.allowedIps()));
        assertNull(info.createdBy());
    }

    @Test
    void readAndWriteTogetherAmountToWrite() {
        TokenInfo info = fixture.service.create(ALICE.key(), new TokenRequest("both", null,
                Set.of(TokenScope.READ, TokenScope.WRITE), null, null), ALICE.key()).info();
        assertEquals(Set.of(TokenScope.WRITE), info.scopes());
    }

    @Test
    void anAdminCreatingForAnotherUserIsRecordedAsCreator() {
        TokenInfo info = fixture.service.create(BOB.key(), TokenRequest.of("service account", null), ALICE.key())
                .info();
        assertEquals(BOB.key(), info.userKey());
        assertEquals(ALICE.key(), info.createdBy());
        assertEquals(ALICE.key(), fixture.store.get(info.id()).createdBy());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rest/api", "", " ", "/rest/../admin", "/rest/./api", "/rest//api", "/rest;jsessionid=1",
            "/rest/%2e%2e/admin", "/rest\\api", "/rest/a b", "/rest/\u0000", "/rest/api?x=1", "/rest/api#x", ".."})
    void refusesPathsThatCouldNotBeMatchedUnambiguously(String path) {
        InvalidTokenRequestException e = assertThrows(InvalidTokenRequestException.class,
                () -> create(List.of(path), List.of()));
        assertTrue(e.getMessage().startsWith("An allowed path"), e.getMessage());
        assertTrue(fixture.store.findByUser(ALICE.key()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "::1/129", "10.0.0.256",
            "example.com", "", "10.0.0.0/8/8", "1.2.3.4.5"})
    void refusesAddressesThatAreNotIpLiteralsOrRanges(String address) {
        InvalidTokenRequestException e = assertThrows(InvalidTokenRequestException.class,
                () -> create(List.of(), List.of(address)));
        assertTrue(e.getMessage().startsWith("An allowed IP must be"), e.getMessage());
    }

    @Test
    void refusesOverlongLists() {
        List<String> many = new ArrayList<>(Collections.nCopies(TokenRequestValidator.MAX_ENTRIES + 1, "/rest"));
        InvalidTokenRequestException e = assertThrows(InvalidTokenRequestException.class,
                () -> create(many, List.of()));
        assertEquals("Too many allowed paths: at most 50.", e.getMessage());
    }

    @Test
    void stillChecksLabelAndExpiry() {
        assertThrows(InvalidTokenRequestException.class, () -> fixture.service.create(ALICE.key(),
                new TokenRequest(" ", null, null, null, null), ALICE.key()));
        assertThrows(InvalidTokenRequestException.class, () -> fixture.service.create(ALICE.key(),
                TokenRequest.of("past", fixture.clock.instant()), ALICE.key()));
    }
}
