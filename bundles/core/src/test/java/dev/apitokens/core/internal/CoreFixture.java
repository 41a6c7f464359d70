package dev.apitokens.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.spi.Hasher;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;


/**
 * A {@link CoreTokenService} wired to test fakes, as DS would wire it: the static references through the
 * constructor, the dynamic ones by setting their fields. Background work runs only when the test says so.
 */
final class CoreFixture implements AutoCloseable {

    static final HostUser ALICE = new HostUser("key-alice", "alice", "Alice", true, false);
    static final HostUser BOB = new HostUser("key-bob", "bob", "Bob", true, false);
    static final HostUser ADMIN = new HostUser("key-admin", "admin", "Admin", true, true);

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemoryTokenStore store;
    final FakeHostUsers users = new FakeHostUsers();
    final FakeLicenseGate license = new FakeLicenseGate();
    final ManualExecutors.RecordingScheduler scheduler = new ManualExecutors.RecordingScheduler();
    final ManualExecutors.Queue rehashQueue = new ManualExecutors.Queue();
    final LogCapture log = new LogCapture();
    final CoreTokenService service;
    private final List<String> secrets = new ArrayList<>();
    private long nextServiceId = 1;

    CoreFixture() {
        this(config(10000, 30, 5, false));
    }

    CoreFixture(CoreTokenService.Config config) {
        this(config, new InMemoryTokenStore());
    }

    /** A service on a store another fixture may share: two cluster nodes on one database. */
    CoreFixture(CoreTokenService.Config config, InMemoryTokenStore store) {
        this(config, store, TokenPolicy.UNRESTRICTED);
    }

    /** A service under an administrators' policy. */
    CoreFixture(TokenPolicy policy) {
        this(config(10000, 30, 5, false), new InMemoryTokenStore(), policy);
    }

    private CoreFixture(CoreTokenService.Config config, InMemoryTokenStore store, TokenPolicy policy) {
        this.store = store;
        users.put(ALICE);
        users.put(BOB);
        users.put(ADMIN);
        service = new CoreTokenService(store, users, new AdminPolicy(users, policy, clock), config, clock, scheduler,
                rehashQueue);
        service.licenseGate = license;
    }

    /** Registers a hasher with a ranking; later registrations get higher service ids. */
    void addHasher(Hasher hasher, Object ranking) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.SERVICE_ID, nextServiceId++);
        properties.put(Hasher.ALGORITHM, hasher.algorithm());
        if (ranking != null) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        List<Map.Entry<Map<String, Object>, Hasher>> replaced = new ArrayList<>(service.hashers);
        replaced.add(Map.entry(Map.copyOf(properties), hasher));
        service.hashers = List.copyOf(replaced);
    }

    void removeAllHashers() {
        service.hashers = List.of();
    }

    CreatedToken create(HostUser owner, String label) {
        return create(owner, label, null);
    }

    CreatedToken create(HostUser owner, String label, Instant expiresAt) {
        CreatedToken created = service.create(owner.key(), label, expiresAt);
        secrets.add(created.secret());
        secrets.add(store.get(created.info().id()).hash());
        return created;
    }

    /** Deactivates like DS and checks that no secret or hash was ever logged. */
    @Override
    public void close() {
        service.deactivate();
        scheduler.shutdownNow();
        for (String text : log.allText()) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a secret or hash was logged: " + text);
            }
        }
        log.close();
    }

    static CoreTokenService.Config config(int cacheMaxEntries, int cacheTtlSeconds, int flushSeconds,
            boolean rehashOnUse) {
        return new CoreTokenService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CoreTokenService.Config.class;
            }

            @Override
            public int cacheMaxEntries() {
                return cacheMaxEntries;
            }

            @Override
            public int cacheTtlSeconds() {
                return cacheTtlSeconds;
            }

            @Override
            public int usageFlushIntervalSeconds() {
                return flushSeconds;
            }

            @Override
            public boolean rehashOnUse() {
                return rehashOnUse;
            }

            @Override
            public int rotatedRetentionDays() {
                return 0;
            }
        };
    }
}
