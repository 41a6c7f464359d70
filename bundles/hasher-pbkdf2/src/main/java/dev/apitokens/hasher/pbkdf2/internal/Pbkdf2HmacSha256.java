package dev.apitokens.hasher.pbkdf2.internal;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 (RFC 8018 section 5.2) with HMAC-SHA256 as PRF, computed on the password's bytes.
 *
 * <p>Why not {@code SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")}: its {@code PBEKeySpec} takes a
 * {@code char[]}, which the JDK's provider encodes as UTF-8 before use. Mapping our bytes to chars one to one (ISO
 * 8859-1) would therefore change every byte from 0x80 up into two bytes, and any other mapping has its own edge
 * cases. Token secrets are ASCII, for which both agree (a test checks this against the JDK), but computing on the
 * bytes is exact for every input and takes a dozen lines. The HMAC itself still comes from the installed JCA
 * provider ({@code Mac "HmacSHA256"}), so a FIPS provider's validated HMAC is used where one is installed.
 *
 * <p>Like every standard PBKDF2-HMAC, passwords equal up to trailing zero bytes derive the same key (HMAC pads its
 * key with zeros), as does a password over 64 bytes and its SHA-256. Finding such a twin needs the password
 * itself, so this is harmless for random tokens; it is tested as a documented property.
 */
final class Pbkdf2HmacSha256 {

    private static final int BLOCK = 32;

    private Pbkdf2HmacSha256() {
    }

    /**
     * Derives {@code length} bytes.
     *
     * @param password any bytes, possibly empty
     * @param salt any bytes
     * @param iterations {@code c >= 1}
     */
    static byte[] derive(byte[] password, byte[] salt, int iterations, int length) {
        if (iterations < 1 || length < 1) {
            throw new IllegalArgumentException("iterations and length must be >= 1");
        }
        Mac prf = hmac(password);
        byte[] derived = new byte[length];
        byte[] u = new byte[BLOCK];
        byte[] t = new byte[BLOCK];
        try {
            for (int block = 1; (block - 1) * BLOCK < length; block++) {
                prf.update(salt);
                prf.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                prf.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, BLOCK);
                for (int i = 1; i < iterations; i++) {
                    prf.update(u);
                    prf.doFinal(u, 0);
                    for (int j = 0; j < BLOCK; j++) {
                        t[j] ^= u[j];
                    }
                }
                int offset = (block - 1) * BLOCK;
                System.arraycopy(t, 0, derived, offset, Math.min(BLOCK, length - offset));
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return derived;
    }

    private static Mac hmac(byte[] password) {
        // HMAC pads keys shorter than its block with zero bytes (RFC 2104), so the empty key, which
        // SecretKeySpec refuses, is exactly the one-byte key 0x00.
        byte[] key = password.length == 0 ? new byte[1] : password;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
