package dev.apitokens.hasher.argon2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.hasher.tck.KnownAnswer;

/** What is particular to Argon2id: the RFC 9106 vector, the reference tool's output, the defaults and limits. */
class Argon2idHasherTest {

    private static final byte[] TOKEN = "apitok_3XkP9vQ2mL7wR4tY8uZ1aB5cD6eF0gH2jK".getBytes(StandardCharsets.US_ASCII);

    /**
     * PHC strings printed by the reference implementation's test suite (phc-winner-argon2 {@code src/test.c},
     * Argon2id, version 19, password "password", salt "somesalt", 32-byte tag).
     */
    static List<KnownAnswer> referenceVectors() {
        return List.of(
                KnownAnswer.ascii("argon2 reference test.c: m=256, t=2, p=1", "password",
                        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"),
                KnownAnswer.ascii("argon2 reference test.c: m=256, t=2, p=2", "password",
                        "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc"),
                KnownAnswer.ascii("argon2 reference test.c: m=65536, t=1, p=1", "password",
                        "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg"));
    }

    @Test
    void rfc9106Argon2idTestVector() {
        // RFC 9106 section 5.3: uses a secret K and associated data X, which the Hasher API has no place for
        byte[] tag = Argon2idFunction.tag(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04), 32, 3,
                4, 32);
        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", HexFormat.of().formatHex(tag));
    }

    @Test
    void referenceRawTags() {
        // the same test.c vectors as raw tags (hex), for m=256, t=2 with one and two lanes
        byte[] salt = "somesalt".getBytes(StandardCharsets.US_ASCII);
        byte[] password = "password".getBytes(StandardCharsets.US_ASCII);
        assertEquals("9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe",
                HexFormat.of().formatHex(Argon2idFunction.tag(password, salt, null, null, 256, 2, 1, 32)));
        assertEquals("6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037",
                HexFormat.of().formatHex(Argon2idFunction.tag(password, salt, null, null, 256, 2, 2, 32)));
    }

    @Test
    void defaultsAreOwaspAndTheReferenceFormat() {
        Hasher hasher = new Argon2idHasher(ComponentConfig.defaults(Argon2idHasher.Config.class));
        String stored = hasher.hash(TOKEN);
        assertTrue(stored.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"),
                stored);
        assertTrue(hasher.verify(TOKEN, PhcString.parse(stored)));
        assertFalse(hasher.needsRehash(PhcString.parse(stored)));
    }

    @Test
    void verifiesWithTheStoredParametersAndAsksForRehash() {
        Hasher current = withParameters(512, 2, 1);
        for (Hasher old : new Hasher[] {withParameters(256, 2, 1), withParameters(512, 1, 1), withParameters(512, 2, 2)}) {
            PhcString stored = PhcString.parse(old.hash(TOKEN));
            assertTrue(current.verify(TOKEN, stored), stored::toString);
            assertTrue(current.needsRehash(stored), stored::toString);
        }
    }

    @Test
    void parametersBeyondTheLimitsAreRefusedBeforeAnyWork() {
        Hasher hasher = withParameters(256, 2, 1);
        PhcString real = PhcString.parse(hasher.hash(TOKEN));
        for (Map<String, String> params : List.of(Map.of("m", "65537", "t", "2", "p", "1"),
                Map.of("m", "256", "t", "21", "p", "1"), Map.of("m", "4096", "t", "2", "p", "17"))) {
            PhcString inflated = PhcString.of("argon2id", 19, params, real.salt(), real.hash());
            assertFalse(hasher.verify(TOKEN, inflated), params::toString);
        }
        PhcString shortSalt = PhcString.of("argon2id", 19, real.params(), Arrays.copyOf(real.salt(), 7), real.hash());
        assertFalse(hasher.verify(TOKEN, shortSalt), "salt under 8 bytes");
    }

    @Test
    void invalidConfigurationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withParameters(8, 1, 2));
        assertTrue(e.getMessage().contains("memory.kib >= 8 x parallelism"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> withParameters(256, 0, 1));
    }

    @Test
    void outputIsNotTheRawTagOfATruncatedLength() {
        // Argon2 hashes the tag length into H0: a 16-byte tag is not the prefix of the 32-byte one
        byte[] salt = filled(16, 7);
        byte[] full = Argon2idFunction.tag(TOKEN, salt, null, null, 64, 1, 1, 32);
        byte[] half = Argon2idFunction.tag(TOKEN, salt, null, null, 64, 1, 1, 16);
        assertFalse(Arrays.equals(Arrays.copyOf(full, 16), half));
        assertArrayEquals(full, Argon2idFunction.tag(TOKEN, salt, null, null, 64, 1, 1, 32));
    }

    static Hasher withParameters(int memoryKiB, int iterations, int parallelism) {
        return new Argon2idHasher(ComponentConfig.of(Argon2idHasher.Config.class,
                Map.of("memory_kib", memoryKiB, "iterations", iterations, "parallelism", parallelism)));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
