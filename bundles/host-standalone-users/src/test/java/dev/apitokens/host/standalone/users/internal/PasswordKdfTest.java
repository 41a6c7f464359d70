package dev.apitokens.host.standalone.users.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.PhcString;
import org.junit.jupiter.api.Test;


class PasswordKdfTest {

    private final PasswordKdf kdf = new PasswordKdf(1_000);

    @Test
    void hashesAsPhcStringWithItsIterationCountAndVerifies() {
        String hash = kdf.hash("correct horse".toCharArray());
        PhcString phc = PhcString.parse(hash);
        assertEquals("pbkdf2-sha256", phc.id());
        assertEquals(1_000, phc.intParam("i"));
        assertEquals(16, phc.salt().length);
        assertEquals(32, phc.hash().length);
        assertTrue(kdf.verify("correct horse".toCharArray(), hash));
        assertFalse(kdf.verify("correct horsE".toCharArray(), hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(kdf.hash("same".toCharArray()), kdf.hash("same".toCharArray()));
    }

    @Test
    void verifiesWithTheRecordedIterationsNotTheConfiguredOnes() {
        String madeWithMore = new PasswordKdf(2_000).hash("pw-12345".toCharArray());
        assertTrue(kdf.verify("pw-12345".toCharArray(), madeWithMore));
    }

    @Test
    void refusesUnreadableForeignAndTamperedHashesWithoutThrowing() {
        String hash = kdf.hash("pw-12345".toCharArray());
        assertFalse(kdf.verify("pw-12345".toCharArray(), null));
        assertFalse(kdf.verify("pw-12345".toCharArray(), "not a hash"));
        assertFalse(kdf.verify("pw-12345".toCharArray(), hash.replace("pbkdf2-sha256", "pbkdf2-sha512")));
        assertFalse(kdf.verify("pw-12345".toCharArray(), hash.replace("i=1000", "i=1001")));
        assertFalse(kdf.verify("pw-12345".toCharArray(), hash.replace("i=1000", "i=999999999")));
    }

    @Test
    void refusesAbsurdIterationCounts() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordKdf(10));
        assertThrows(IllegalArgumentException.class, () -> new PasswordKdf(50_000_000));
    }
}
