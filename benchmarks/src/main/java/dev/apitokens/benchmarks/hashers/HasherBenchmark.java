package dev.apitokens.benchmarks.hashers;

import dev.apitokens.benchmarks.DefaultConfiguration;
import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.PhcString;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.apitokens.hasher.argon2.internal.Argon2idHasher;
import dev.apitokens.hasher.bcrypt.internal.BcryptHasher;
import dev.apitokens.hasher.pbkdf2.internal.Pbkdf2Hasher;
import dev.apitokens.hasher.sha256.internal.HmacSha256Hasher;

/**
 * Hash and verify of a token-sized secret by each of the four hashers at its shipped defaults (hmac-sha256 without
 * pepper; PBKDF2 600,000 iterations; Argon2id m=19456 KiB, t=2, p=1; bcrypt cost 10), single-threaded.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HasherBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HasherBenchmark {

    /** A secret shaped like this project's tokens: ASCII, 56 bytes. */
    private static final byte[] TOKEN = "apitok_4fQ9ZkL2mN7pR3sT8vW1xY6zA0bC5dE9gH2jK4nP7qS1uV3w"
            .getBytes(StandardCharsets.US_ASCII);

    @Param({"hmac-sha256", "pbkdf2-sha256", "argon2id", "bcrypt"})
    public String algorithm;

    private Hasher hasher;
    private PhcString stored;

    @Setup
    public void setUp() {
        hasher = switch (algorithm) {
            case "hmac-sha256" -> new HmacSha256Hasher(DefaultConfiguration.of(HmacSha256Hasher.Config.class));
            case "pbkdf2-sha256" -> new Pbkdf2Hasher(DefaultConfiguration.of(Pbkdf2Hasher.Config.class));
            case "argon2id" -> new Argon2idHasher(DefaultConfiguration.of(Argon2idHasher.Config.class));
            case "bcrypt" -> new BcryptHasher(DefaultConfiguration.of(BcryptHasher.Config.class));
            default -> throw new IllegalArgumentException("unknown algorithm " + algorithm);
        };
        stored = PhcString.parse(hasher.hash(TOKEN));
        if (!hasher.verify(TOKEN, stored)) {
            throw new IllegalStateException(algorithm + " does not verify its own hash");
        }
    }

    @Benchmark
    public String hash() {
        return hasher.hash(TOKEN);
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify(TOKEN, stored);
    }
}
