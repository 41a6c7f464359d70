package dev.apitokens.hasher.argon2.internal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id version 1.3 (0x13) as RFC 9106 defines it, computed by Bouncy Castle. The hasher passes no secret key
 * and no associated data; the RFC's test vector, which uses both, checks this function in the tests.
 */
final class Argon2idFunction {

    private Argon2idFunction() {
    }

    /**
     * The Argon2id tag.
     *
     * @param password the message P
     * @param salt the nonce S, at least 8 bytes
     * @param secret the secret value K, or {@code null}
     * @param associatedData the associated data X, or {@code null}
     * @param memoryKiB m, at least 8 * {@code parallelism}
     * @param iterations t, at least 1
     * @param parallelism p, at least 1
     * @param length the tag length T, at least 4
     */
    static byte[] tag(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int memoryKiB,
            int iterations, int parallelism, int length) {
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKiB)
                .withIterations(iterations).withParallelism(parallelism);
        if (secret != null) {
            parameters.withSecret(secret);
        }
        if (associatedData != null) {
            parameters.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters.build());
        byte[] tag = new byte[length];
        generator.generateBytes(password, tag);
        return tag;
    }
}
