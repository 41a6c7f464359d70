package dev.apitokens.hasher.tck;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A known answer: a secret and the stored hash that a reference (an RFC, or the algorithm's reference
 * implementation) computed for it. The hasher under test must accept it, and reject any other secret.
 *
 * @param source where the vector comes from, e.g. {@code "RFC 4231 test case 2"}
 * @param secret the secret's bytes
 * @param stored the PHC string, in the hasher's own encoding
 */
public record KnownAnswer(String source, byte[] secret, String stored) {

    public KnownAnswer {
        Objects.requireNonNull(source, "source");
        secret = Objects.requireNonNull(secret, "secret").clone();
        Objects.requireNonNull(stored, "stored");
    }

    /** A vector whose secret is an ASCII string (most published vectors are). */
    public static KnownAnswer ascii(String source, String secret, String stored) {
        return new KnownAnswer(source, secret.getBytes(StandardCharsets.US_ASCII), stored);
    }

    /** A vector whose secret is given in hex. */
    public static KnownAnswer hex(String source, String secretHex, String stored) {
        return new KnownAnswer(source, HexFormat.of().parseHex(secretHex), stored);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return source;
    }
}
