package dev.apitokens.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A salted hash algorithm for token secrets, registered as an OSGi service by a hasher bundle.
 *
 * <p>The core creates new tokens with the highest-ranked {@code Hasher} ({@code service.ranking}), and verifies a
 * stored hash with the {@code Hasher} whose {@link #algorithm()} equals the hash's {@link PhcString#id()}, so
 * tokens made under one hasher keep working after another becomes the default. Register the service with the
 * property {@link #ALGORITHM} set to {@link #algorithm()}.
 *
 * <p>Implementations must be thread-safe, must draw salts from a {@link java.security.SecureRandom}, and must
 * compare hashes in constant time ({@link java.security.MessageDigest#isEqual}). Inputs are the UTF-8 bytes of the
 * whole token string (48 bytes for tokens of this project, but a hasher must accept any length).
 *
 * <p>Input length: a hasher must never silently ignore part of its input. bcrypt reads at most 72 bytes, so the
 * {@code bcrypt} hasher pre-hashes a longer secret with HMAC-SHA256 keyed by the salt and marks the stored hash
 * {@code pre=hmac-sha256}; two secrets that share their first 72 bytes therefore never verify against each other.
 * Run the hasher TCK
 * ({@code dev.apitokens:hasher-tck}) against an implementation before shipping it.
 */
@ConsumerType
public interface Hasher {

    /** Service property: the algorithm id, equal to {@link #algorithm()}, e.g. {@code argon2id}. */
    String ALGORITHM = "apitokens.hasher.algorithm";

    /**
     * The PHC algorithm id this hasher writes and reads, e.g. {@code hmac-sha256}, {@code pbkdf2-sha256},
     * {@code argon2id}, {@code bcrypt}.
     */
    String algorithm();

    /**
     * Hashes a secret under a fresh random salt with the currently configured parameters.
     *
     * @return a PHC string naming this algorithm and its parameters, as {@link PhcString#toString()} writes it
     */
    String hash(byte[] secret);

    /**
     * Whether {@code secret} matches {@code stored}, using the parameters recorded in {@code stored} (not the
     * current configuration). Returns {@code false}, never throws, for a hash this hasher cannot read
     * (other algorithm, missing or unreadable parameters, tampered salt or hash).
     */
    boolean verify(byte[] secret, PhcString stored);

    /**
     * Whether a hash this hasher verified was made with weaker or other parameters than it now uses, so that the
     * core may replace it on a successful use when re-hashing is enabled.
     */
    default boolean needsRehash(PhcString stored) {
        return false;
    }
}
