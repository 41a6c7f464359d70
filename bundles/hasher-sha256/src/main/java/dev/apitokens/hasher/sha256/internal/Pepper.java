package dev.apitokens.hasher.sha256.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A server-side secret mixed into every hash, and its public identifier.
 *
 * <p>The identifier is recorded in each hash so that a hash made under another pepper is recognised (and, for a
 * previous pepper, still verified). It is derived from the pepper with HMAC, so it reveals nothing usable about a
 * pepper of the required 128 bits or more.
 */
final class Pepper {

    /** Peppers shorter than this are refused: a guessable pepper adds nothing. */
    static final int MIN_BYTES = 16;

    private static final byte[] ID_LABEL = "dev.apitokens.hasher.sha256 pepper id".getBytes(StandardCharsets.US_ASCII);

    private final String id;
    private final SecretKeySpec key;

    private Pepper(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.id = HexFormat.of().formatHex(mac(ID_LABEL), 0, 6);
    }

    /**
     * Reads a pepper from its configured form.
     *
     * @param base64 the pepper in Base64 (e.g. the output of {@code openssl rand -base64 32})
     * @param what the configuration attribute, for the error message
     * @throws IllegalArgumentException if it is not Base64 or shorter than {@link #MIN_BYTES} bytes; the message
     *         never repeats the value
     */
    static Pepper fromBase64(String base64, String what) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid Base64 (generate one with: openssl rand -base64 32)");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException(what + " must decode to at least " + MIN_BYTES + " bytes, it has "
                    + secret.length + " (generate one with: openssl rand -base64 32)");
        }
        return new Pepper(secret);
    }

    /** The public identifier recorded in hashes: 12 hex digits. */
    String id() {
        return id;
    }

    /** HMAC-SHA256 keyed with the pepper. */
    byte[] mac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "Pepper[" + id + "]";
    }
}
