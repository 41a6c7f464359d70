package dev.apitokens.hasher.pbkdf2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.hasher.tck.KnownAnswer;

/** What is particular to PBKDF2: the RFC vectors at full length, the byte mapping, the defaults, the ceiling. */
class Pbkdf2HasherTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] TOKEN = ascii("apitok_3XkP9vQ2mL7wR4tY8uZ1aB5cD6eF0gH2jK");

    /**
     * RFC 7914 section 11 (PBKDF2-HMAC-SHA256, dkLen 64) cut to this hasher's 32 bytes, which is exact because
     * PBKDF2's first output block does not depend on dkLen; and the RFC 6070 inputs with HMAC-SHA256, as widely
     * published for PBKDF2-HMAC-SHA256 (checked against the JDK's PBKDF2WithHmacSHA256 below).
     */
    static List<KnownAnswer> knownAnswers() {
        return List.of(
                vector("RFC 7914 section 11, c=1", "passwd", "salt", 1,
                        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"),
                vector("RFC 7914 section 11, c=80000", "Password", "NaCl", 80000,
                        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"),
                vector("RFC 6070 inputs, SHA-256, c=1", "password", "salt", 1,
                        "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
                vector("RFC 6070 inputs, SHA-256, c=2", "password", "salt", 2,
                        "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
                vector("RFC 6070 inputs, SHA-256, c=4096", "password", "salt", 4096,
                        "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
                vector("RFC 6070 inputs, SHA-256, long password and salt", "passwordPASSWORDpassword",
                        "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096,
                        "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1"));
    }

    @Test
    void rfc7914VectorsAtFullLength() {
        assertEquals("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
                HEX.formatHex(Pbkdf2HmacSha256.derive(ascii("passwd"), ascii("salt"), 1, 64)));
        assertEquals("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d",
                HEX.formatHex(Pbkdf2HmacSha256.derive(ascii("Password"), ascii("NaCl"), 80000, 64)));
    }

    @Test
    void nulBytesAndShortOutputs() {
        // RFC 6070's "pass\0word" / "sa\0lt" inputs, c=4096, dkLen=16, with HMAC-SHA256
        assertEquals("89b69d0516f829893c696226650a8687",
                HEX.formatHex(Pbkdf2HmacSha256.derive(ascii("pass\0word"), ascii("sa\0lt"), 4096, 16)));
    }

    @Test
    void keysEqualUpToHmacPaddingDeriveTheSame() throws Exception {
        // a documented property of PBKDF2-HMAC, shared by the JDK: it needs the password to exploit
        byte[] salt = ascii("salt");
        String a = HEX.formatHex(Pbkdf2HmacSha256.derive(ascii("a"), salt, 2, 32));
        assertEquals(a, HEX.formatHex(Pbkdf2HmacSha256.derive(new byte[] {'a', 0}, salt, 2, 32)));
        byte[] longPassword = ascii("p".repeat(65));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(longPassword);
        assertEquals(HEX.formatHex(Pbkdf2HmacSha256.derive(longPassword, salt, 2, 32)),
                HEX.formatHex(Pbkdf2HmacSha256.derive(digest, salt, 2, 32)));
    }

    @Test
    void agreesWithTheJdkOnAsciiAndOnUtf8() throws Exception {
        for (String password : new String[] {"", "a", "password", "apitok_3XkP9vQ2mL7wR4tY8uZ1aB5cD6eF0gH2jK",
            "x".repeat(200), "caf\u00e9 \u2603"}) {
            byte[] salt = ascii("0123456789abcdef");
            byte[] ours = Pbkdf2HmacSha256.derive(password.getBytes(StandardCharsets.UTF_8), salt, 3, 32);
            byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 3, 256)).getEncoded();
            assertEquals(HEX.formatHex(jdk), HEX.formatHex(ours), "\"" + password + "\"");
        }
    }

    @Test
    void defaultsAreOwaspAndRoundTrip() {
        Hasher hasher = new Pbkdf2Hasher(ComponentConfig.defaults(Pbkdf2Hasher.Config.class));
        PhcString stored = PhcString.parse(hasher.hash(TOKEN));
        assertEquals(Map.of("i", "600000"), stored.params());
        assertTrue(hasher.verify(TOKEN, stored));
        assertFalse(hasher.needsRehash(stored));
    }

    @Test
    void iterationCountsFarAboveTheConfiguredOneAreRefused() {
        Hasher hasher = withIterations(1000);
        PhcString stored = PhcString.parse(hasher.hash(TOKEN));
        PhcString inflated = PhcString.of(stored.id(), null, Map.of("i", "6000001"), stored.salt(), stored.hash());
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(hasher.verify(TOKEN, inflated)));
    }

    @Test
    void invalidIterationsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withIterations(0));
        assertTrue(e.getMessage().contains("iterations must be >= 1"), e.getMessage());
    }

    static Hasher withIterations(int iterations) {
        return new Pbkdf2Hasher(ComponentConfig.of(Pbkdf2Hasher.Config.class, Map.of("iterations", iterations)));
    }

    private static KnownAnswer vector(String source, String password, String salt, int iterations, String hashHex) {
        return KnownAnswer.ascii(source, password, PhcString.of("pbkdf2-sha256", null,
                Map.of("i", Integer.toString(iterations)), ascii(salt), HEX.parseHex(hashHex)).toString());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
