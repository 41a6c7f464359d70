package dev.apitokens.core.internal;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.benchmarks.DefaultConfiguration;
import dev.apitokens.hasher.sha256.internal.HmacSha256Hasher;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.spi.LicenseStatus;
import dev.apitokens.store.ao.ActiveObjectsTokenStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cached token authentication of the real core ({@code TokenService.authenticate} on a verified-token cache
 * hit: cache key, lookup, owner and license checks, usage recording, the login log line) against one HMAC-SHA256
 * of a 32-byte input, the cost floor of any keyed lookup. The store is the real Active Objects store on in-memory
 * H2; it is not touched on a cache hit except by the background usage flush.
 *
 * <p>The log line goes wherever slf4j's provider on the class path sends it (slf4j-simple: standard error, so run
 * with {@code 2>/dev/null} to measure it as the product's file log would, or with
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=warn} to leave it out).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedAuthenticationBenchmark {

    private static final HostUser ALICE = new HostUser("key-alice", "alice", "Alice", true, false);
    private static final LicenseStatus UNLIMITED = new LicenseStatus(LicenseStatus.State.UNLIMITED, null, null, 0,
            "benchmark");

    private JdbcConnectionPool pool;
    private ActiveObjectsTokenStore store;
    private CoreTokenService service;
    private String secret;
    private Mac mac;
    private byte[] input;

    @Setup
    public void setUp() throws Exception {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:cached-auth;DB_CLOSE_DELAY=-1", "", "");
        store = new ActiveObjectsTokenStore("AO_BE0C4B", pool,
                DefaultConfiguration.of(ActiveObjectsTokenStore.Config.class));
        HostUsers users = new HostUsers() {
            @Override
            public Optional<HostUser> findByName(String username) {
                return "alice".equals(username) ? Optional.of(ALICE) : Optional.empty();
            }

            @Override
            public Optional<HostUser> findByKey(String userKey) {
                return ALICE.key().equals(userKey) ? Optional.of(ALICE) : Optional.empty();
            }

            @Override
            public long activeUserCount() {
                return 1;
            }

            @Override
            public boolean isMemberOf(String userKey, String group) {
                return false;
            }
        };
        service = new CoreTokenService(store, users, DefaultConfiguration.of(CoreTokenService.Config.class));
        service.hashers = List.of(Map.entry(Map.<String, Object>of("service.ranking", 100),
                new HmacSha256Hasher(DefaultConfiguration.of(HmacSha256Hasher.Config.class))));
        service.licenseGate = () -> UNLIMITED;
        CreatedToken token = service.create(ALICE.key(), "benchmark", null);
        secret = token.secret();
        AuthenticationResult first = service.authenticate("alice", secret);
        if (!first.isSuccess()) {
            throw new IllegalStateException("the token does not authenticate: " + first.reason());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        input = new byte[32];
        new SecureRandom().nextBytes(input);
    }

    @TearDown
    public void tearDown() {
        service.deactivate();
        store.close();
        pool.dispose();
    }

    @Benchmark
    public AuthenticationResult cachedAuthenticate() {
        return service.authenticate("alice", secret);
    }

    @Benchmark
    public byte[] hmacSha256Of32Bytes() {
        return mac.doFinal(input);
    }
}
