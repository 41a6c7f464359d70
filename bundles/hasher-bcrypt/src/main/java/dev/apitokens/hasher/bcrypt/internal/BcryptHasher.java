package dev.apitokens.hasher.bcrypt.internal;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.crypto.generators.BCrypt;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * bcrypt, for policies that name it.
 *
 * <p>Written as {@code $bcrypt$r=<cost>$<16-byte salt>$<23-byte hash>}: the salt and the first 23 output bytes of
 * OpenBSD's {@code $2b$<cost>$<salt><hash>} format, in standard Base64, so an OpenBSD string converts losslessly in
 * either direction. The cost comes from configuration (default 10); verification uses the cost recorded in the
 * hash and refuses costs above max(configured, 10) + 4, so that a tampered row cannot stall a request.
 *
 * <p><b>Secrets of 72 bytes or more</b> are pre-hashed with HMAC-SHA256 keyed by the salt and marked
 * {@code pre=hmac-sha256} in the hash, because bcrypt ignores everything after its 72nd byte; see the
 * {@linkplain dev.apitokens.hasher.bcrypt.internal package documentation}. Secrets up to 71 bytes (all tokens of
 * this project) give standard bcrypt.
 */
@Component(service = Hasher.class, configurationPid = BcryptHasher.PID,
        property = Hasher.ALGORITHM + "=" + BcryptHasher.ALGORITHM)
@Designate(ocd = BcryptHasher.Config.class)
public class BcryptHasher implements Hasher {

    static final String PID = "dev.apitokens.hasher.bcrypt";
    static final String ALGORITHM = "bcrypt";
    static final String COST = "r";
    static final String PRE = "pre";
    private static final int SALT_BYTES = PhcString.SALT_BYTES;
    private static final int HASH_BYTES = 23;
    private static final int MIN_COST = 4;
    private static final int MAX_COST = 31;
    private static final Logger LOG = LoggerFactory.getLogger(BcryptHasher.class);

    /** Configuration of the bcrypt hasher. */
    @ObjectClassDefinition(name = "API tokens: hasher bcrypt", description = "Token hasher using bcrypt.")
    public @interface Config {

        @AttributeDefinition(name = "Service ranking",
                description = "New tokens are hashed by the installed hasher with the highest ranking "
                        + "(the default hmac-sha256 hasher ranks 100).")
        int service_ranking() default 0;

        @AttributeDefinition(name = "Cost", min = "4", max = "31",
                description = "log2 of the number of key expansion rounds for new hashes (OWASP: at least 10).")
        int cost() default 10;
    }

    private final int cost;
    private final int maxCost;

    @Activate
    public BcryptHasher(Config config) {
        cost = config.cost();
        if (cost < MIN_COST || cost > MAX_COST) {
            LOG.error("{} is misconfigured and stays inactive: cost must be 4..31, not {}", PID, cost);
            throw new IllegalArgumentException("cost must be 4..31, not " + cost);
        }
        if (cost < 10) {
            LOG.warn("{}: cost {} is below OWASP's minimum of 10", PID, cost);
        }
        maxCost = Math.min(MAX_COST, Math.max(cost, 10) + 4);
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public String hash(byte[] secret) {
        byte[] salt = PhcString.newSalt();
        boolean preHash = BcryptInput.needsPreHash(secret);
        Map<String, String> params = new LinkedHashMap<>();
        params.put(COST, Integer.toString(cost));
        if (preHash) {
            params.put(PRE, BcryptInput.PRE_HASH);
        }
        byte[] input = preHash ? BcryptInput.preHashed(secret, salt) : BcryptInput.direct(secret);
        return PhcString.of(ALGORITHM, null, params, salt, bcrypt(input, salt, cost)).toString();
    }

    @Override
    public boolean verify(byte[] secret, PhcString stored) {
        int storedCost = storedCost(stored);
        if (secret == null || storedCost < 0) {
            return false;
        }
        if (storedCost > maxCost) {
            LOG.warn("refused a {} hash with cost {} (more than {})", ALGORITHM, storedCost, maxCost);
            return false;
        }
        boolean preHashed = stored.param(PRE) != null;
        if (!preHashed && BcryptInput.needsPreHash(secret)) {
            return false;
        }
        byte[] salt = stored.salt();
        byte[] input = preHashed ? BcryptInput.preHashed(secret, salt) : BcryptInput.direct(secret);
        return MessageDigest.isEqual(stored.hash(), bcrypt(input, salt, storedCost));
    }

    @Override
    public boolean needsRehash(PhcString stored) {
        return storedCost(stored) != cost;
    }

    /** The cost of a well-formed hash of ours (no version, {@code r} and maybe {@code pre}, exact sizes), else -1. */
    private static int storedCost(PhcString stored) {
        if (stored == null || !ALGORITHM.equals(stored.id()) || stored.version() != null || stored.salt() == null
                || stored.salt().length != SALT_BYTES || stored.hash() == null || stored.hash().length != HASH_BYTES
                || !Set.of(COST, PRE).containsAll(stored.params().keySet())) {
            return -1;
        }
        String pre = stored.param(PRE);
        if (pre != null && !BcryptInput.PRE_HASH.equals(pre)) {
            return -1;
        }
        try {
            int storedCost = stored.intParam(COST);
            return storedCost >= MIN_COST && storedCost <= MAX_COST ? storedCost : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The first 23 bytes of bcrypt's output, as OpenBSD's format keeps them. */
    private static byte[] bcrypt(byte[] input, byte[] salt, int cost) {
        return Arrays.copyOf(BCrypt.generate(input, salt, cost), HASH_BYTES);
    }
}
