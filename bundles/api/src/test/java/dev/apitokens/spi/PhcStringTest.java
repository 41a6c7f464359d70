package dev.apitokens.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhcStringTest {

    /** The example of the PHC string format specification (password-hashing/phc-string-format). */
    private static final String ARGON2 = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";

    @Test
    void readsEveryPartOfAFullString() {
        PhcString phc = PhcString.parse(ARGON2);
        assertEquals("argon2id", phc.id());
        assertEquals(19, phc.version());
        assertEquals(Map.of("m", "19456", "t", "2", "p", "1"), phc.params());
        assertEquals(19456, phc.intParam("m"));
        assertArrayEquals("somesalt".getBytes(StandardCharsets.US_ASCII), phc.salt());
        assertEquals(24, phc.hash().length);
    }

    @Test
    void writesWhatItReadsInTheSameOrder() {
        assertEquals(ARGON2, PhcString.parse(ARGON2).toString());
        for (String text : new String[] {"$hmac-sha256$c2FsdHNhbHQ$aGFzaA", "$pbkdf2-sha256$i=600000$c2FsdA$aGFzaA",
                "$bcrypt$r=10$c2FsdA$aGFzaA", "$x", "$x$v=1", "$x$a=b", "$x$c2FsdA"}) {
            assertEquals(text, PhcString.parse(text).toString(), text);
        }
    }

    @Test
    void buildsFromParts() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("i", "1000");
        PhcString built = PhcString.of("pbkdf2-sha256", null, params, new byte[] {1, 2, 3}, new byte[] {4, 5});
        assertEquals("$pbkdf2-sha256$i=1000$AQID$BAU", built.toString());
        assertEquals(built, PhcString.parse(built.toString()));
        assertEquals(built.hashCode(), PhcString.parse(built.toString()).hashCode());
        assertNull(built.version());
        assertNull(built.param("missing"));
    }

    @Test
    void copiesSaltAndHashSoTheValueStaysImmutable() {
        byte[] salt = {1, 2, 3};
        PhcString phc = PhcString.of("x", null, Map.of(), salt, new byte[] {9});
        salt[0] = 7;
        phc.salt()[1] = 7;
        assertArrayEquals(new byte[] {1, 2, 3}, phc.salt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "argon2id", "$", "$ARGON2", "$a b", "$x$v=", "$x$v=abc", "$x$=1", "$x$a=1,a=2",
            "$x$a=1,b", "$x$a=b$c2FsdA$aGFzaA$extra", "$x$c2F*dA", "$x$c2FsdA$aGFzaA==", "$x$a=\u00e9", "$x$v=1$v=2",
            "$x$c2FsdA$$"})
    void rejectsMalformedStrings(String text) {
        assertThrows(IllegalArgumentException.class, () -> PhcString.parse(text));
    }

    @Test
    void newSaltsAreFreshAndOfTheDocumentedLength() {
        byte[] one = PhcString.newSalt();
        assertEquals(PhcString.SALT_BYTES, one.length);
        assertFalse(java.util.Arrays.equals(one, PhcString.newSalt()));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> PhcString.parse(null));
    }

    @Test
    void intParamRefusesMissingAndNonNumericValues() {
        PhcString phc = PhcString.parse("$x$a=1,b=z,c=-1");
        assertEquals(1, phc.intParam("a"));
        assertThrows(IllegalArgumentException.class, () -> phc.intParam("b"));
        assertThrows(IllegalArgumentException.class, () -> phc.intParam("c"));
        assertThrows(IllegalArgumentException.class, () -> phc.intParam("d"));
    }

    @Test
    void refusesAHashWithoutSaltAndAParameterNamedV() {
        assertThrows(IllegalArgumentException.class, () -> PhcString.of("x", null, Map.of(), null, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PhcString.of("x", null, Map.of("v", "1"), null, null));
    }
}
