package dev.apitokens.license.signed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class Ed25519PemTest {

    private final KeyPair pair = TestKeys.generate();

    @Test
    void publicAndPrivateKeysRoundTripThroughPem() {
        String publicPem = Ed25519Pem.publicPem(pair.getPublic());
        String privatePem = Ed25519Pem.privatePem(pair.getPrivate());

        assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), publicPem);
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8, as openssl writes it");
        assertEquals(pair.getPublic(), Ed25519Pem.readPublic(publicPem));
        assertEquals(pair.getPrivate(), Ed25519Pem.readPrivate(privatePem));
    }

    @Test
    void publicKeyMayBeOneBase64Line() {
        String line = Ed25519Pem.publicOneLine(pair.getPublic());

        assertEquals(60, line.length(), "12 bytes of X.509 header and 32 of key, in Base64");
        assertEquals(pair.getPublic(), Ed25519Pem.readPublic(line));
        assertEquals(pair.getPublic(), Ed25519Pem.readPublic("  " + line + "\n"));
    }

    @Test
    void somethingElseIsRefusedWithAReason() throws Exception {
        String rsa = Base64.getEncoder()
                .encodeToString(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());

        assertRefused(rsa, "not an Ed25519 public key");
        assertRefused("", "empty");
        assertRefused("not base64!", "not valid Base64");
        assertRefused("AAAA", "not an Ed25519 public key");
        assertRefused(Ed25519Pem.privatePem(pair.getPrivate()), "PEM block");
        assertThrows(IllegalArgumentException.class,
                () -> Ed25519Pem.readPrivate(Ed25519Pem.publicPem(pair.getPublic())));
    }

    private static void assertRefused(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ed25519Pem.readPublic(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
