package dev.apitokens.hasher.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;


/**
 * The contract every {@link Hasher} must meet. To run it against a hasher, extend this class in a JUnit Jupiter
 * test and supply the hasher (with cheap parameters: the suite hashes a few hundred times), the same algorithm with
 * other parameters, and known answers from a reference.
 *
 * <p>It checks: hash/verify round trips for empty, long and arbitrary byte inputs; canonical PHC output naming the
 * algorithm with a fresh salt of at least 16 bytes; wrong secrets, tampered salt, hash, parameters, version and
 * algorithm id, hashes of other algorithms and garbage all verify {@code false} without an exception; absurd
 * work-factor parameters are refused quickly (a stored hash must not be able to stall the server); the known
 * answers verify; verification uses the stored parameters, and {@code needsRehash} tells outdated ones; inputs
 * are not modified; concurrent use is safe.
 */
public abstract class HasherContract {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final byte[] SECRET = ascii("apitok_3XkP9vQ2mL7wR4tY8uZ1aB5cD6eF0gH2jK");

    private Hasher hasher;

    /** The hasher under test, configured with cheap parameters. Called before each test. */
    protected abstract Hasher hasher();

    /**
     * The same algorithm configured with other parameters than {@link #hasher()} (e.g. a lower cost), whose hashes
     * {@link #hasher()} must still verify and report through {@link Hasher#needsRehash}.
     */
    protected abstract Hasher hasherWithOtherParameters();

    /** Vectors from the algorithm's RFC or reference implementation, in this hasher's encoding; at least one. */
    protected abstract List<KnownAnswer> knownAnswers();

    @BeforeEach
    final void createHasher() {
        hasher = hasher();
    }

    @Test
    void algorithmIsAPhcId() {
        assertTrue(hasher.algorithm().matches("[a-z0-9-]{1,32}"), hasher.algorithm());
    }

    @Test
    void hashVerifiesWithTheSameSecret() {
        assertTrue(hasher.verify(SECRET, parse(hasher.hash(SECRET))));
    }

    @Test
    void hashIsACanonicalPhcStringNamingTheAlgorithm() {
        String stored = hasher.hash(SECRET);
        PhcString phc = PhcString.parse(stored);
        assertEquals(stored, phc.toString(), "canonical form");
        assertEquals(hasher.algorithm(), phc.id());
        assertTrue(phc.salt().length >= 16, "salt of at least 16 bytes");
        assertTrue(phc.hash() != null && phc.hash().length >= 16, "hash of at least 16 bytes");
        assertFalse(stored.contains(new String(SECRET, StandardCharsets.US_ASCII)), "secret in the clear");
    }

    @Test
    void wrongSecretsDoNotVerify() {
        PhcString stored = parse(hasher.hash(SECRET));
        for (byte[] wrong : alterations(SECRET)) {
            assertFalse(hasher.verify(wrong, stored), () -> "verified " + new String(wrong, StandardCharsets.ISO_8859_1));
        }
        assertFalse(hasher.verify(new byte[0], stored), "empty secret");
    }

    @Test
    void eachHashHasAFreshSalt() {
        Set<String> salts = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            PhcString stored = parse(hasher.hash(SECRET));
            assertTrue(hasher.verify(SECRET, stored));
            salts.add(Arrays.toString(stored.salt()));
        }
        assertEquals(4, salts.size(), "four hashes of one secret share a salt");
    }

    @TestFactory
    Stream<DynamicTest> tamperedSaltDoesNotVerify() {
        return refused(SECRET, PhcTampering.salts(parse(hasher.hash(SECRET))));
    }

    @TestFactory
    Stream<DynamicTest> tamperedHashDoesNotVerify() {
        return refused(SECRET, PhcTampering.hashes(parse(hasher.hash(SECRET))));
    }

    @TestFactory
    Stream<DynamicTest> tamperedParametersAndVersionDoNotVerify() {
        return refused(SECRET, PhcTampering.parameters(parse(hasher.hash(SECRET))));
    }

    @TestFactory
    Stream<DynamicTest> otherAlgorithmIdsDoNotVerify() {
        List<String> ids = new ArrayList<>(ForeignHashes.PROJECT_ALGORITHMS);
        ids.addAll(List.of("argon2i", "argon2d", "scrypt", hasher.algorithm() + "-x"));
        return refused(SECRET, PhcTampering.algorithms(parse(hasher.hash(SECRET)), ids));
    }

    @TestFactory
    Stream<DynamicTest> hashesOfOtherAlgorithmsAreRefused() {
        return ForeignHashes.all().stream().filter(answer -> !parse(answer.stored()).id().equals(hasher.algorithm()))
                .map(answer -> dynamicTest(answer.source(),
                        () -> assertFalse(hasher.verify(answer.secret(), parse(answer.stored())))));
    }

    @Test
    void emptySecretRoundTrips() {
        PhcString stored = parse(hasher.hash(new byte[0]));
        assertTrue(hasher.verify(new byte[0], stored));
        assertFalse(hasher.verify(new byte[] {'a'}, stored), "one byte");
        assertFalse(hasher.verify(SECRET, stored));
    }

    @Test
    void longSecretsCountEveryByte() {
        byte[] longSecret = new byte[200];
        Arrays.fill(longSecret, (byte) 'a');
        PhcString stored = parse(hasher.hash(longSecret));
        assertTrue(hasher.verify(longSecret, stored));
        for (int index : new int[] {0, 63, 64, 71, 72, 73, 128, 199}) {
            byte[] other = longSecret.clone();
            other[index] = 'b';
            assertFalse(hasher.verify(other, stored), "differs only in byte " + index);
        }
        for (int length : new int[] {64, 71, 72, 73, 199, 201}) {
            byte[] other = Arrays.copyOf(longSecret, length);
            Arrays.fill(other, Math.min(length, 200), length, (byte) 'a');
            assertFalse(hasher.verify(other, stored), "same first bytes, length " + length);
        }
        byte[] huge = new byte[10_000];
        Arrays.fill(huge, (byte) 'z');
        assertTrue(hasher.verify(huge, parse(hasher.hash(huge))), "10,000 bytes");
    }

    @Test
    void arbitraryBytesRoundTrip() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) (255 - i);
        }
        assertTrue(hasher.verify(everyByte, parse(hasher.hash(everyByte))), "every byte value");
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        PhcString stored = parse(hasher.hash(latin1));
        assertTrue(hasher.verify(latin1, stored));
        assertFalse(hasher.verify("caf\u00e9".getBytes(StandardCharsets.UTF_8), stored), "UTF-8 of the same text");
        // Bytes after a NUL count (no C-string truncation). Trailing NULs are not tested: PBKDF2-HMAC pads its
        // key with zero bytes, so standard PBKDF2 cannot tell "a" from "a\0".
        PhcString withNul = parse(hasher.hash(new byte[] {'a', 0, 'b'}));
        assertTrue(hasher.verify(new byte[] {'a', 0, 'b'}, withNul));
        assertFalse(hasher.verify(new byte[] {'a'}, withNul), "bytes after a NUL count");
        assertFalse(hasher.verify(new byte[] {'a', 0, 'c'}, withNul), "bytes after a NUL count");
    }

    @TestFactory
    Stream<DynamicTest> garbageStoredHashesDoNotVerify() {
        PhcString real = parse(hasher.hash(SECRET));
        List<PhcTampering.Variant> garbage = new ArrayList<>();
        garbage.add(new PhcTampering.Variant("algorithm id only", PhcString.of(real.id(), null, null, null, null)));
        garbage.add(new PhcTampering.Variant("no hash", PhcString.of(real.id(), real.version(), real.params(),
                real.salt(), null)));
        garbage.add(new PhcTampering.Variant("one-byte salt", PhcString.of(real.id(), real.version(), real.params(),
                new byte[1], real.hash())));
        garbage.add(new PhcTampering.Variant("1000-byte hash", PhcString.of(real.id(), real.version(), real.params(),
                real.salt(), new byte[1000])));
        real.params().keySet().forEach(name -> garbage.add(new PhcTampering.Variant(name + " not a number",
                withParam(real, name, "abc"))));
        return Stream.concat(refused(SECRET, garbage),
                Stream.of(dynamicTest("null stored hash", () -> assertFalse(hasher.verify(SECRET, null)))));
    }

    @TestFactory
    Stream<DynamicTest> absurdParametersAreRefusedQuickly() {
        PhcString real = parse(hasher.hash(SECRET));
        return real.params().entrySet().stream().filter(param -> param.getValue().matches("[0-9]+"))
                .map(param -> dynamicTest(param.getKey() + "=999999999", () -> assertTimeoutPreemptively(QUICK,
                        () -> assertFalse(hasher.verify(SECRET, withParam(real, param.getKey(), "999999999"))))));
    }

    @TestFactory
    Stream<DynamicTest> knownAnswersVerify() {
        assertFalse(knownAnswers().isEmpty(), "no known answers supplied");
        return knownAnswers().stream().map(answer -> dynamicTest(answer.source(), () -> {
            PhcString stored = parse(answer.stored());
            assertEquals(hasher.algorithm(), stored.id());
            assertTrue(hasher.verify(answer.secret(), stored), "the reference's secret");
            for (byte[] wrong : alterations(answer.secret())) {
                assertFalse(hasher.verify(wrong, stored), "an altered secret");
            }
        }));
    }

    @Test
    void freshHashNeedsNoRehash() {
        assertFalse(hasher.needsRehash(parse(hasher.hash(SECRET))));
    }

    @Test
    void hashWithOtherParametersVerifiesAndNeedsRehash() {
        PhcString old = parse(hasherWithOtherParameters().hash(SECRET));
        PhcString current = parse(hasher.hash(SECRET));
        assertNotEquals(current.params(), old.params(), "hasherWithOtherParameters() uses the same parameters");
        assertTrue(hasher.verify(SECRET, old), "verify must use the stored parameters, not the configured ones");
        assertTrue(hasher.needsRehash(old));
    }

    @Test
    void inputsAreNotModified() {
        byte[] secret = SECRET.clone();
        PhcString stored = parse(hasher.hash(secret));
        hasher.verify(secret, stored);
        assertArrayEquals(SECRET, secret);
    }

    @Test
    void concurrentUseIsSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                byte[] mine = ascii("secret-" + i);
                byte[] other = ascii("secret-" + (i + 1));
                results.add(pool.submit(() -> {
                    PhcString stored = parse(hasher.hash(mine));
                    return hasher.verify(mine, stored) && !hasher.verify(other, stored);
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Stream<DynamicTest> refused(byte[] secret, List<PhcTampering.Variant> variants) {
        return variants.stream().map(variant -> dynamicTest(variant.change(),
                () -> assertFalse(hasher.verify(secret, variant.stored()), () -> "accepted " + variant.stored())));
    }

    private static PhcString withParam(PhcString original, String name, String value) {
        Map<String, String> params = new LinkedHashMap<>(original.params());
        params.put(name, value);
        return PhcString.of(original.id(), original.version(), params, original.salt(), original.hash());
    }

    /** The secret with its last byte changed, one byte longer, and (if not empty) one byte shorter. */
    private static List<byte[]> alterations(byte[] secret) {
        List<byte[]> wrong = new ArrayList<>();
        if (secret.length > 0) {
            byte[] flipped = secret.clone();
            flipped[flipped.length - 1] ^= 0x01;
            wrong.add(flipped);
            wrong.add(Arrays.copyOf(secret, secret.length - 1));
        }
        byte[] longer = Arrays.copyOf(secret, secret.length + 1);
        longer[secret.length] = 'x';
        wrong.add(longer);
        return wrong;
    }

    private static PhcString parse(String stored) {
        return PhcString.parse(stored);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
