package dev.apitokens.hasher.pbkdf2.internal;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.security.MessageDigest;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * PBKDF2-HMAC-SHA256, for policies that require a FIPS-approved password hashing function.
 *
 * <p>Written as {@code $pbkdf2-sha256$i=<iterations>$<salt>$<32-byte hash>}. The iteration count comes from
 * configuration (default 600,000, OWASP's recommendation for PBKDF2-HMAC-SHA256); verification uses the count
 * recorded in the hash, so changing the configuration never breaks existing tokens, and {@link #needsRehash}
 * reports hashes made with another count. Counts above ten times the configured one (at least 6,000,000) are
 * refused, so that a tampered row cannot make one request spin for minutes.
 *
 * @see Pbkdf2HmacSha256 how the secret's bytes enter PBKDF2
 */
@Component(service = Hasher.class, configurationPid = Pbkdf2Hasher.PID,
        property = Hasher.ALGORITHM + "=" + Pbkdf2Hasher.ALGORITHM)
@Designate(ocd = Pbkdf2Hasher.Config.class)
public class Pbkdf2Hasher implements Hasher {

    static final String PID = "dev.apitokens.hasher.pbkdf2";
    static final String ALGORITHM = "pbkdf2-sha256";
    static final String ITERATIONS = "i";
    static final int OWASP_ITERATIONS = 600_000;
    private static final int SALT_BYTES = PhcString.SALT_BYTES;
    private static final int HASH_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(Pbkdf2Hasher.class);

    /** Configuration of the PBKDF2 hasher. */
    @ObjectClassDefinition(name = "API tokens: hasher PBKDF2-HMAC-SHA256",
            description = "Token hasher using PBKDF2 with HMAC-SHA256 (FIPS-approved).")
    public @interface Config {

        @AttributeDefinition(name = "Service ranking",
                description = "New tokens are hashed by the installed hasher with the highest ranking "
                        + "(the default hmac-sha256 hasher ranks 100).")
        int service_ranking() default 0;

        @AttributeDefinition(name = "Iterations", min = "1",
                description = "PBKDF2 iteration count for new hashes; OWASP recommends 600000 for HMAC-SHA256.")
        int iterations() default OWASP_ITERATIONS;
    }

    private final int iterations;
    private final int maxIterations;

    @Activate
    public Pbkdf2Hasher(Config config) {
        iterations = config.iterations();
        if (iterations < 1) {
            LOG.error("{} is misconfigured and stays inactive: iterations must be >= 1, not {}", PID, iterations);
            throw new IllegalArgumentException("iterations must be >= 1, not " + iterations);
        }
        if (iterations < OWASP_ITERATIONS) {
            LOG.warn("{}: {} iterations is below OWASP's recommended {}", PID, iterations, OWASP_ITERATIONS);
        }
        maxIterations = (int) Math.min(Integer.MAX_VALUE, 10L * Math.max(iterations, OWASP_ITERATIONS));
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public String hash(byte[] secret) {
        byte[] salt = PhcString.newSalt();
        byte[] hash = Pbkdf2HmacSha256.derive(secret, salt, iterations, HASH_BYTES);
        return PhcString.of(ALGORITHM, null, Map.of(ITERATIONS, Integer.toString(iterations)), salt, hash).toString();
    }

    @Override
    public boolean verify(byte[] secret, PhcString stored) {
        int storedIterations = storedIterations(stored);
        if (secret == null || storedIterations < 1) {
            return false;
        }
        if (storedIterations > maxIterations) {
            LOG.warn("refused a {} hash with {} iterations (more than {})", ALGORITHM, storedIterations, maxIterations);
            return false;
        }
        byte[] actual = Pbkdf2HmacSha256.derive(secret, stored.salt(), storedIterations, HASH_BYTES);
        return MessageDigest.isEqual(stored.hash(), actual);
    }

    @Override
    public boolean needsRehash(PhcString stored) {
        return storedIterations(stored) != iterations || stored.salt().length < SALT_BYTES;
    }

    /**
     * The iteration count of a well-formed hash of this algorithm (no version, only the {@code i} parameter, a
     * 32-byte hash), else -1. The hash length is checked exactly because a PBKDF2 output's prefix is the output
     * for a shorter length: a truncated hash would otherwise still verify.
     */
    private static int storedIterations(PhcString stored) {
        if (stored == null || !ALGORITHM.equals(stored.id()) || stored.version() != null || stored.salt() == null
                || stored.hash() == null || stored.hash().length != HASH_BYTES || stored.params().size() != 1) {
            return -1;
        }
        try {
            return stored.intParam(ITERATIONS);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
