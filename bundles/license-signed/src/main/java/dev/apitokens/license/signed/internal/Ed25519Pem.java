package dev.apitokens.license.signed.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads and writes Ed25519 keys as PEM text: public keys as X.509 {@code PUBLIC KEY}, private keys as PKCS#8
 * {@code PRIVATE KEY}, the encodings {@code openssl genpkey -algorithm ed25519} uses too. A public key may also be
 * given as the bare Base64 body on one line, which fits a configuration value.
 */
public final class Ed25519Pem {

    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private Ed25519Pem() {
    }

    /** @throws IllegalArgumentException with a readable reason if {@code text} is not an Ed25519 public key */
    public static PublicKey readPublic(String text) {
        byte[] der = body(text, PUBLIC);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 SubjectPublicKeyInfo)");
        }
    }

    /** @throws IllegalArgumentException with a readable reason if {@code text} is not an Ed25519 private key */
    public static PrivateKey readPrivate(String text) {
        byte[] der = body(text, PRIVATE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8)");
        }
    }

    public static String publicPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    public static String privatePem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    /** The public key as one Base64 line, for the {@code publicKey} configuration value. */
    public static String publicOneLine(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] body(String text, String type) {
        String body = text == null ? "" : text.strip();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        if (body.startsWith("-----")) {
            if (!body.startsWith(begin) || !body.endsWith(end)) {
                throw new IllegalArgumentException("expected a PEM block '" + begin + "'");
            }
            body = body.substring(begin.length(), body.length() - end.length());
        }
        body = body.replaceAll("\\s+", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("the key is empty");
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid Base64");
        }
    }
}
