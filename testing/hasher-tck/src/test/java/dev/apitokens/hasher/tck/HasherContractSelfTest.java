package dev.apitokens.hasher.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;


/**
 * Tests the TCK itself: a correct hasher passes every contract test, and hashers that each break one rule fail
 * the contract test about that rule.
 */
class HasherContractSelfTest {

    /** OpenSSL: HMAC-SHA256, key 000102..0f, message "Hi There". */
    private static final KnownAnswer HI_THERE = KnownAnswer.ascii("OpenSSL HMAC-SHA256", "Hi There", PhcString.of(
            ReferenceHasher.ID, null, java.util.Map.of("n", "1"),
            java.util.HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), java.util.HexFormat.of()
                    .parseHex("3afd7fe7437c3ecadb2d089e7a65c8f994a3bff46f9a8eb3d3d453b9fa5acc34")).toString());

    abstract static class Contract extends HasherContract {
        abstract IntFunction<Hasher> factory();

        @Override
        protected Hasher hasher() {
            return factory().apply(1);
        }

        @Override
        protected Hasher hasherWithOtherParameters() {
            return factory().apply(2);
        }

        @Override
        protected List<KnownAnswer> knownAnswers() {
            return List.of(HI_THERE);
        }
    }

    static class Correct extends Contract {
        IntFunction<Hasher> factory() {
            return ReferenceHasher::new;
        }
    }

    static class FixedSalt extends Contract {
        IntFunction<Hasher> factory() {
            return n -> new ReferenceHasher(n) {
                @Override
                byte[] salt() {
                    return new byte[16];
                }
            };
        }
    }

    static class ComparesAPrefix extends Contract {
        IntFunction<Hasher> factory() {
            return n -> new ReferenceHasher(n) {
                @Override
                boolean compare(byte[] expected, byte[] actual) {
                    return MessageDigestPrefix.equal(expected, actual);
                }
            };
        }
    }

    static class IgnoresStoredParameters extends Contract {
        IntFunction<Hasher> factory() {
            return n -> new ReferenceHasher(n) {
                @Override
                int roundsFor(int stored) {
                    return rounds;
                }
            };
        }
    }

    static class Reads72Bytes extends Contract {
        IntFunction<Hasher> factory() {
            return n -> new ReferenceHasher(n) {
                @Override
                byte[] tag(byte[] secret, byte[] salt, int rounds) {
                    return super.tag(Arrays.copyOf(secret, Math.min(72, secret.length)), salt, rounds);
                }
            };
        }
    }

    static class ThrowsOnForeignHashes extends Contract {
        IntFunction<Hasher> factory() {
            return n -> new ReferenceHasher(n) {
                @Override
                public boolean verify(byte[] secret, PhcString stored) {
                    if (stored != null && !ID.equals(stored.id())) {
                        throw new IllegalArgumentException("not mine: " + stored.id());
                    }
                    return super.verify(secret, stored);
                }
            };
        }
    }

    @Test
    void aCorrectHasherPassesEverything() {
        Events tests = run(Correct.class);
        tests.assertStatistics(stats -> stats.failed(0).aborted(0));
        if (tests.succeeded().count() < 40) {
            throw new AssertionError("only " + tests.succeeded().count() + " contract tests ran");
        }
    }

    @Test
    void brokenHashersFailTheMatchingTest() {
        assertFails(FixedSalt.class, "eachHashHasAFreshSalt");
        assertFails(ComparesAPrefix.class, "tamperedHashDoesNotVerify");
        assertFails(IgnoresStoredParameters.class, "hashWithOtherParametersVerifiesAndNeedsRehash");
        assertFails(Reads72Bytes.class, "longSecretsCountEveryByte");
        assertFails(ThrowsOnForeignHashes.class, "hashesOfOtherAlgorithmsAreRefused");
        assertFails(ThrowsOnForeignHashes.class, "otherAlgorithmIdsDoNotVerify");
    }

    private static void assertFails(Class<? extends Contract> contract, String testMethod) {
        long failed = run(contract).failed().filter(event -> event.getTestDescriptor().getUniqueId().toString()
                .contains("method:" + testMethod) || event.getTestDescriptor().getUniqueId().toString()
                        .contains("test-factory:" + testMethod)).count();
        if (failed == 0) {
            throw new AssertionError(contract.getSimpleName() + " passed " + testMethod);
        }
    }

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    }

    /** A comparison that looks only at the first 16 bytes, as a careless implementation might. */
    private static final class MessageDigestPrefix {
        static boolean equal(byte[] expected, byte[] actual) {
            return expected.length >= 16 && Arrays.equals(expected, 0, 16, actual, 0, 16);
        }
    }
}
