package dev.apitokens.hasher.tck;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;


/**
 * A small correct hasher for testing the TCK itself: {@code $tck-ref$n=<rounds>$<16-byte salt>$<tag>}, the tag
 * being HMAC-SHA256 keyed with the salt, applied {@code n} times (n=1 is plain HMAC-SHA256). Subclasses break
 * one rule each, and the TCK must notice.
 */
class ReferenceHasher implements Hasher {

    static final String ID = "tck-ref";
    private static final SecureRandom RANDOM = new SecureRandom();

    final int rounds;

    ReferenceHasher(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public String algorithm() {
        return ID;
    }

    @Override
    public String hash(byte[] secret) {
        byte[] salt = salt();
        return PhcString.of(ID, null, Map.of("n", Integer.toString(rounds)), salt, tag(secret, salt, rounds))
                .toString();
    }

    @Override
    public boolean verify(byte[] secret, PhcString stored) {
        if (stored == null || !ID.equals(stored.id()) || stored.version() != null || stored.hash() == null
                || stored.salt().length != 16 || !stored.params().keySet().equals(java.util.Set.of("n"))) {
            return false;
        }
        int n;
        try {
            n = stored.intParam("n");
        } catch (IllegalArgumentException e) {
            return false;
        }
        return n >= 1 && n <= 10 && compare(stored.hash(), tag(secret, stored.salt(), roundsFor(n)));
    }

    @Override
    public boolean needsRehash(PhcString stored) {
        return !Integer.toString(rounds).equals(stored.param("n"));
    }

    byte[] salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    int roundsFor(int stored) {
        return stored;
    }

    boolean compare(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    byte[] tag(byte[] secret, byte[] salt, int n) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] tag = mac.doFinal(secret);
            for (int i = 1; i < n; i++) {
                tag = mac.doFinal(tag);
            }
            return tag;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
