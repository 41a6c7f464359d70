package dev.apitokens.hasher.bcrypt.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What bcrypt's key schedule receives for a secret: the secret and a NUL terminator when it fits into bcrypt's 72
 * bytes, else a salted pre-hash of it (see the package documentation).
 */
final class BcryptInput {

    /** The longest secret bcrypt takes whole, leaving room for the terminator. */
    static final int MAX_DIRECT_BYTES = 71;
    /** The {@code pre} parameter's value for pre-hashed secrets. */
    static final String PRE_HASH = "hmac-sha256";

    private BcryptInput() {
    }

    /** Whether a secret of this length is pre-hashed. */
    static boolean needsPreHash(byte[] secret) {
        return secret.length > MAX_DIRECT_BYTES;
    }

    /** The secret followed by a NUL byte, as {@code $2b$} bcrypt reads a password; at most 72 bytes. */
    static byte[] direct(byte[] secret) {
        if (needsPreHash(secret)) {
            throw new IllegalArgumentException("secret longer than " + MAX_DIRECT_BYTES + " bytes");
        }
        return Arrays.copyOf(secret, secret.length + 1);
    }

    /** Base64(HMAC-SHA256(salt, secret)) followed by a NUL byte: 45 bytes. */
    static byte[] preHashed(byte[] secret, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] base64 = Base64.getEncoder().encodeToString(mac.doFinal(secret)).getBytes(StandardCharsets.US_ASCII);
            return Arrays.copyOf(base64, base64.length + 1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
