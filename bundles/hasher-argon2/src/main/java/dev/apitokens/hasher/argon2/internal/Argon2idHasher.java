package dev.apitokens.hasher.argon2.internal;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Argon2id (RFC 9106), the memory-hard hasher, for policies that demand one.
 *
 * <p>Written exactly as the reference implementation writes it, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>
 * $<salt>$<32-byte tag>}, so hashes from the reference {@code argon2} tool (version 19) verify here and the other
 * way round. Parameters come from configuration (defaults m=19456 KiB, t=2, p=1, OWASP's recommendation);
 * verification uses the parameters recorded in the hash, and {@link #needsRehash} reports hashes made with other
 * ones. Bouncy Castle computes the lanes one after the other, so p > 1 adds work without using more cores.
 *
 * <p>Each hash or verification allocates m KiB for its duration (19 MiB by default), so concurrent cache misses
 * multiply it. To keep a tampered row from exhausting memory or time, verification refuses m above
 * max(4 x configured, 65536 KiB), t above max(10 x configured, 10), p above max(configured, 16), tags outside
 * 16..64 bytes and salts under 8 bytes (the RFC's minimum).
 */
@Component(service = Hasher.class, configurationPid = Argon2idHasher.PID,
        property = Hasher.ALGORITHM + "=" + Argon2idHasher.ALGORITHM)
@Designate(ocd = Argon2idHasher.Config.class)
public class Argon2idHasher implements Hasher {

    static final String PID = "dev.apitokens.hasher.argon2";
    static final String ALGORITHM = "argon2id";
    static final int VERSION = 19;
    private static final Set<String> PARAMS = Set.of("m", "t", "p");
    private static final int SALT_BYTES = PhcString.SALT_BYTES;
    private static final int TAG_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(Argon2idHasher.class);

    /** Configuration of the Argon2id hasher. */
    @ObjectClassDefinition(name = "API tokens: hasher Argon2id",
            description = "Token hasher using Argon2id (RFC 9106), memory-hard.")
    public @interface Config {

        @AttributeDefinition(name = "Service ranking",
                description = "New tokens are hashed by the installed hasher with the highest ranking "
                        + "(the default hmac-sha256 hasher ranks 100).")
        int service_ranking() default 0;

        @AttributeDefinition(name = "Memory (KiB)", min = "8", description = "m: memory per hash in KiB (OWASP: 19456).")
        int memory_kib() default 19456;

        @AttributeDefinition(name = "Iterations", min = "1", description = "t: passes over the memory (OWASP: 2).")
        int iterations() default 2;

        @AttributeDefinition(name = "Parallelism", min = "1", description = "p: lanes (OWASP: 1).")
        int parallelism() default 1;
    }

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;

    @Activate
    public Argon2idHasher(Config config) {
        memoryKiB = config.memory_kib();
        iterations = config.iterations();
        parallelism = config.parallelism();
        if (iterations < 1 || parallelism < 1 || parallelism > 255 || memoryKiB < 8 * parallelism) {
            String problem = "need iterations >= 1, parallelism 1..255 and memory.kib >= 8 x parallelism, not m="
                    + memoryKiB + ", t=" + iterations + ", p=" + parallelism;
            LOG.error("{} is misconfigured and stays inactive: {}", PID, problem);
            throw new IllegalArgumentException(problem);
        }
        if (memoryKiB < 19456 || iterations < 2) {
            LOG.warn("{}: m={} KiB, t={} is weaker than OWASP's m=19456, t=2", PID, memoryKiB, iterations);
        }
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public String hash(byte[] secret) {
        byte[] salt = PhcString.newSalt();
        byte[] tag = Argon2idFunction.tag(secret, salt, null, null, memoryKiB, iterations, parallelism, TAG_BYTES);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("m", Integer.toString(memoryKiB));
        params.put("t", Integer.toString(iterations));
        params.put("p", Integer.toString(parallelism));
        return PhcString.of(ALGORITHM, VERSION, params, salt, tag).toString();
    }

    @Override
    public boolean verify(byte[] secret, PhcString stored) {
        if (secret == null || !isWellFormed(stored)) {
            return false;
        }
        int m;
        int t;
        int p;
        try {
            m = stored.intParam("m");
            t = stored.intParam("t");
            p = stored.intParam("p");
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (t < 1 || p < 1 || m < 8 * p) {
            return false;
        }
        if (m > Math.max(4L * memoryKiB, 65536) || t > Math.max(10L * iterations, 10) || p > Math.max(parallelism, 16)) {
            LOG.warn("refused an {} hash with m={}, t={}, p={}: beyond this hasher's limits", ALGORITHM, m, t, p);
            return false;
        }
        byte[] expected = stored.hash();
        byte[] actual = Argon2idFunction.tag(secret, stored.salt(), null, null, m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public boolean needsRehash(PhcString stored) {
        return !isWellFormed(stored) || !Integer.toString(memoryKiB).equals(stored.param("m"))
                || !Integer.toString(iterations).equals(stored.param("t"))
                || !Integer.toString(parallelism).equals(stored.param("p")) || stored.salt().length < SALT_BYTES
                || stored.hash().length != TAG_BYTES;
    }

    private static boolean isWellFormed(PhcString stored) {
        return stored != null && ALGORITHM.equals(stored.id()) && Integer.valueOf(VERSION).equals(stored.version())
                && stored.params().keySet().equals(PARAMS) && stored.salt() != null && stored.salt().length >= 8
                && stored.hash() != null && stored.hash().length >= 16 && stored.hash().length <= 64;
    }
}
