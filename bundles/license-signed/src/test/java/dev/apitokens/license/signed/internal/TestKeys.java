package dev.apitokens.license.signed.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** Key pairs and licenses for the tests: fresh Ed25519 pairs, never the vendor's. */
final class TestKeys {

    static final KeyPair VENDOR = generate();
    static final KeyPair OTHER_VENDOR = generate();
    static final Instant ISSUED = Instant.parse("2026-11-30T10:15:00Z");
    static final Instant EXPIRES = Instant.parse("2027-12-31T23:59:59Z");
    static final License ACME = new License("0b6f2c3e-8f0a-4d5e-9b1c-2a3d4e5f6071", "Acme Corporation", ISSUED,
            EXPIRES, 500);

    private TestKeys() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(License license) {
        return sign(license, VENDOR);
    }

    static String sign(License license, KeyPair pair) {
        try {
            return LicenseKey.sign(license, pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs any payload text with the test vendor key, to reach the checks behind the signature. */
    static String signRaw(String payload) {
        try {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(VENDOR.getPrivate());
            signer.update(bytes);
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return base64.encodeToString(bytes) + "." + base64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
