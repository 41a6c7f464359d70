package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.spi.PhcString;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;


/**
 * Password hashing for the users file: PBKDF2-HMAC-SHA256 from the JDK, stored as a PHC string
 * ({@code $pbkdf2-sha256$i=210000$salt$hash}) so a hash keeps the iteration count it was made with.
 */
final class PasswordKdf {

    static final String ID = "pbkdf2-sha256";
    /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000; a login costs about 0.1 s at this count. */
    static final int DEFAULT_ITERATIONS = 210_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    PasswordKdf(int iterations) {
        if (iterations < 1_000 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("password iterations must be 1000.." + MAX_ITERATIONS);
        }
        this.iterations = iterations;
    }

    String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return PhcString.of(ID, null, Map.of("i", String.valueOf(iterations)), salt,
                derive(password, salt, iterations, HASH_BYTES)).toString();
    }

    /** Whether {@code password} matches {@code stored}; {@code false}, never an exception, for an unreadable hash. */
    boolean verify(char[] password, String stored) {
        PhcString phc;
        int rounds;
        try {
            phc = PhcString.parse(stored);
            rounds = phc.intParam("i");
        } catch (RuntimeException unreadable) {
            return false;
        }
        if (!ID.equals(phc.id()) || rounds < 1 || rounds > MAX_ITERATIONS || phc.salt() == null
                || phc.hash() == null || phc.hash().length == 0) {
            return false;
        }
        return MessageDigest.isEqual(derive(password, phc.salt(), rounds, phc.hash().length), phc.hash());
    }

    /** Spends the same work as a real check, so unknown usernames cannot be told apart by timing. */
    void verifyNothing(char[] password) {
        derive(password, new byte[SALT_BYTES], iterations, HASH_BYTES);
    }

    private static byte[] derive(char[] password, byte[] salt, int rounds, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
