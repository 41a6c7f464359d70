package dev.apitokens.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ways of making the verified-token cache's key from a 48-character token that were weighed, and the token
 * format check that runs twice per request, in ns/op: the shipped {@code VerifiedTokenCache.keyOf} (SHA-256 from
 * a cloned midstate that has absorbed a random 64-byte key block), the HMAC-SHA256 it replaced (a thread's own
 * {@code Mac}, Base64 key text), a thread's own SHA-256 that re-absorbs the key block on every call, and
 * {@code TokenFormat.isWellFormed}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheKeyBenchmark {

    private VerifiedTokenCache cache;
    private String token;
    private Mac mac;
    private MessageDigest sha256;
    private byte[] keyBlock;

    @Setup
    public void setUp() throws Exception {
        cache = new VerifiedTokenCache(10, Duration.ofSeconds(30));
        token = new TokenFormat(new SecureRandom()).generate();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        sha256 = MessageDigest.getInstance("SHA-256");
        keyBlock = new byte[64];
        new SecureRandom().nextBytes(keyBlock);
    }

    @Benchmark
    public String shippedKeyOf() {
        return cache.keyOf(token);
    }

    @Benchmark
    public String hmacSha256KeyText() {
        return Base64.getEncoder().withoutPadding()
                .encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Benchmark
    public String sha256ReabsorbingTheKeyBlock() {
        sha256.update(keyBlock);
        return new String(sha256.digest(token.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
    }

    @Benchmark
    public boolean tokenFormatCheck() {
        return TokenFormat.isWellFormed(token);
    }
}
