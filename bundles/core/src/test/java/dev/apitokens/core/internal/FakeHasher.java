package dev.apitokens.core.internal;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;


/** A test fake of a hasher: salted SHA-256 under a chosen algorithm id, counting its calls. */
class FakeHasher implements Hasher {

    private final String algorithm;
    private final int cost;
    final AtomicInteger hashCalls = new AtomicInteger();
    final AtomicInteger verifyCalls = new AtomicInteger();
    /** Hashes made with a cost below this one "need rehash". */
    volatile int minimumCost;

    FakeHasher(String algorithm) {
        this(algorithm, 1);
    }

    FakeHasher(String algorithm, int cost) {
        this.algorithm = algorithm;
        this.cost = cost;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public String hash(byte[] secret) {
        hashCalls.incrementAndGet();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return PhcString.of(algorithm, null, Map.of("c", String.valueOf(cost)), salt, digest(salt, secret)).toString();
    }

    @Override
    public boolean verify(byte[] secret, PhcString stored) {
        verifyCalls.incrementAndGet();
        return stored.id().equals(algorithm) && stored.salt() != null
                && MessageDigest.isEqual(digest(stored.salt(), secret), stored.hash());
    }

    @Override
    public boolean needsRehash(PhcString stored) {
        return stored.intParam("c") < minimumCost;
    }

    private static byte[] digest(byte[] salt, byte[] secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
