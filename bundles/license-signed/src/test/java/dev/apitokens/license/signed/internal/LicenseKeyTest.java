package dev.apitokens.license.signed.internal;

import static dev.apitokens.license.signed.internal.InvalidLicenseKeyException.Problem.BAD_SIGNATURE;
import static dev.apitokens.license.signed.internal.InvalidLicenseKeyException.Problem.MALFORMED;
import static dev.apitokens.license.signed.internal.TestKeys.ACME;
import static dev.apitokens.license.signed.internal.TestKeys.ISSUED;
import static dev.apitokens.license.signed.internal.TestKeys.VENDOR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LicenseKeyTest {

    private static final String PAYLOAD = "format=1\n"
            + "id=0b6f2c3e-8f0a-4d5e-9b1c-2a3d4e5f6071\n"
            + "licensee=Acme Corporation\n"
            + "issued=2026-11-30T10:15:00Z\n"
            + "expires=2027-12-31T23:59:59Z\n"
            + "users=500\n";

    @Test
    void signedKeyVerifiesToTheSameLicense() throws Exception {
        String key = TestKeys.sign(ACME);

        assertTrue(key.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{86}"), key);
        assertEquals(ACME, LicenseKey.verify(key, VENDOR.getPublic()));
        assertEquals(ACME, LicenseKey.verify("  \n" + key + "\n", VENDOR.getPublic()), "surrounding blanks");
    }

    @Test
    void payloadIsTheDocumentedText() {
        String key = TestKeys.sign(ACME);
        byte[] payload = Base64.getUrlDecoder().decode(key.substring(0, key.indexOf('.')));

        assertEquals(PAYLOAD, new String(payload, StandardCharsets.UTF_8));
    }

    @Test
    void perpetualUnlimitedLicenseRoundTrips() throws Exception {
        License perpetual = new License("L-1", "Ünïcödé GmbH & Co. KG", ISSUED, null, 0);

        License read = LicenseKey.verify(TestKeys.sign(perpetual), VENDOR.getPublic());

        assertEquals(perpetual, read);
        assertEquals("with no expiry", read.expiryText());
        assertEquals("unlimited users", read.tierText());
    }

    @Test
    void keySignedByAnotherKeyPairHasABadSignature() {
        String foreign = TestKeys.sign(ACME, TestKeys.OTHER_VENDOR);

        assertEquals(BAD_SIGNATURE, refusal(foreign));
    }

    /** Every bit of the decoded payload and signature, changed and re-encoded canonically, fails the signature. */
    @Test
    void everyFlippedBitOfPayloadOrSignatureIsABadSignature() {
        String key = TestKeys.sign(ACME);
        int dot = key.indexOf('.');
        byte[] payload = Base64.getUrlDecoder().decode(key.substring(0, dot));
        byte[] signature = Base64.getUrlDecoder().decode(key.substring(dot + 1));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        int tried = 0;
        for (int part = 0; part < 2; part++) {
            byte[] bytes = part == 0 ? payload : signature;
            for (int i = 0; i < bytes.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    bytes[i] ^= (byte) (1 << bit);
                    String tampered = base64.encodeToString(payload) + "." + base64.encodeToString(signature);
                    bytes[i] ^= (byte) (1 << bit);
                    assertEquals(BAD_SIGNATURE, refusal(tampered), "part " + part + " byte " + i + " bit " + bit);
                    tried++;
                }
            }
        }
        assertEquals((payload.length + 64) * 8, tried);
    }

    /** Every character of the key text, with any one of its 7 low bits flipped, is refused. */
    @Test
    void everyFlippedCharacterOfTheKeyIsRefused() {
        String key = TestKeys.sign(ACME);
        for (int i = 0; i < key.length(); i++) {
            for (int bit = 0; bit < 7; bit++) {
                char[] chars = key.toCharArray();
                chars[i] ^= (char) (1 << bit);
                String tampered = new String(chars);
                assertThrows(InvalidLicenseKeyException.class, () -> LicenseKey.verify(tampered, VENDOR.getPublic()),
                        "position " + i + " bit " + bit + " was accepted");
            }
        }
    }

    /** The JDK decoder ignores the unused low bits of the last character; the codec must not. */
    @Test
    void changedUnusedBitsOfTheLastCharacterAreRefused() throws Exception {
        String key = TestKeys.sign(ACME);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = key.charAt(key.length() - 1);
        // 64 signature bytes leave 4 unused bits in the 86th character: flipping the lowest changes no byte.
        char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String tampered = key.substring(0, key.length() - 1) + twin;
        int dot = key.indexOf('.');
        assertNotEquals(key, tampered);
        assertArrayEquals(Base64.getUrlDecoder().decode(key.substring(dot + 1)),
                Base64.getUrlDecoder().decode(tampered.substring(dot + 1)), "the lenient decoder sees no change");

        InvalidLicenseKeyException refused = assertThrows(InvalidLicenseKeyException.class,
                () -> LicenseKey.verify(tampered, VENDOR.getPublic()));
        assertEquals(MALFORMED, refused.problem());
        assertTrue(refused.getMessage().contains("canonical"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "abc", "a.b.c", "abc.", ".abc", "ab c.def", "abc=.def", "abc.de+f",
            "abc.def==", "YWJj.YWJj" })
    void malformedKeysAreRefused(String key) {
        assertEquals(MALFORMED, refusal(key));
    }

    @Test
    void nullAndOverlongKeysAreMalformed() {
        assertEquals(MALFORMED, refusal(null));
        assertEquals(MALFORMED, refusal("A".repeat(LicenseKey.MAX_KEY_LENGTH) + ".AAAA"));
    }

    @Test
    void signedButUnreadablePayloadsAreMalformed() throws Exception {
        assertMalformedPayload(PAYLOAD.replace("format=1", "format=2"), "format '2'");
        assertMalformedPayload(PAYLOAD.replace("licensee=Acme Corporation\n", ""), "'licensee' is missing");
        assertMalformedPayload(PAYLOAD + "extra=1\n", "extra lines");
        assertMalformedPayload(PAYLOAD.substring(0, PAYLOAD.length() - 1), "line break");
        assertMalformedPayload(PAYLOAD.replace("users=500", "users=0500"), "whole number");
        assertMalformedPayload(PAYLOAD.replace("users=500", "users=-1"), "whole number");
        assertMalformedPayload(PAYLOAD.replace("users=500", "users=99999999999"), "too large");
        assertMalformedPayload(PAYLOAD.replace("2027-12-31T23:59:59Z", "2027-12-31"), "ISO-8601");
        assertMalformedPayload(PAYLOAD.replace("2027-12-31T23:59:59Z", "2027-12-31T23:59:59.000Z"), "canonical");
        assertMalformedPayload(PAYLOAD.replace("Acme Corporation", "Acme "), "surrounding blanks");
        assertMalformedPayload(PAYLOAD.replace("2027-12-31", "2025-12-31"), "before the issue date");
        // the same, unchanged, is accepted: the helper signs exactly what the codec writes
        assertEquals(ACME, LicenseKey.verify(TestKeys.signRaw(PAYLOAD), VENDOR.getPublic()));
    }

    @Test
    void aLicenseThatCannotBeWrittenUnambiguouslyCannotBeMade() {
        assertThrows(IllegalArgumentException.class, () -> new License("x", "Acme\nusers=0", ISSUED, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new License("x y", "Acme", ISSUED, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new License("x", "", ISSUED, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new License("x", "Acme", ISSUED, null, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new License("x", "Acme", ISSUED.plusMillis(1), null, 1));
    }

    @Test
    void aPublicKeyOfAnotherAlgorithmIsRejected() throws Exception {
        var rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

        assertThrows(InvalidKeyException.class, () -> LicenseKey.verify(TestKeys.sign(ACME), rsa.getPublic()));
    }

    private static void assertMalformedPayload(String payload, String reason) {
        InvalidLicenseKeyException refused = assertThrows(InvalidLicenseKeyException.class,
                () -> LicenseKey.verify(TestKeys.signRaw(payload), VENDOR.getPublic()));
        assertEquals(MALFORMED, refused.problem(), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private static InvalidLicenseKeyException.Problem refusal(String key) {
        return assertThrows(InvalidLicenseKeyException.class, () -> LicenseKey.verify(key, VENDOR.getPublic()),
                "accepted: " + key).problem();
    }
}
