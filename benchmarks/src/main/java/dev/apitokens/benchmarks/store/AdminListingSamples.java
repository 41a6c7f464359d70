package dev.apitokens.benchmarks.store;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenQuery.Range;
import dev.apitokens.api.TokenQuery.Sort;
import dev.apitokens.api.TokenScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import dev.apitokens.store.ao.ActiveObjectsTokenStore;

/**
 * Times the admin listing ({@code GET /admin/tokens}) as the store answers it: one page of 50 (the default page
 * size) and the count of all matches, i.e. the two statements of {@code TokenStore.find}, first page, for each
 * filter and order the page offers. The rows are StoreBenchmark's: row {@code n} created at {@code created + n}
 * ms by user {@code n / 10}, three in four expiring {@code n % 1000} days after {@code created}, two in three
 * used a day after creation, one in twenty read-only. Windows are placed at random per sample.
 */
final class AdminListingSamples {

    private static final int PAGE = 50;

    private final ActiveObjectsTokenStore store;
    private final Instant created;
    private final int samples;

    AdminListingSamples(ActiveObjectsTokenStore store, Instant created, int samples) {
        this.store = store;
        this.created = created;
        this.samples = samples;
    }

    void measure(int size) {
        TokenQuery all = TokenQuery.firstPage(PAGE);
        long window = Math.max(1, size / 100);
        sample(size, "everybody's, oldest first (as before)", (r, n) -> all);
        sample(size, "everybody's, last used desc (as before)", (r, n) -> sorted(Sort.LAST_USED_DESC));
        sample(size, "created in a 1% window", (r, n) -> {
            Instant from = created.plusMillis(r.nextLong(Math.max(1, n - window)));
            return all.withCreated(new Range(from, from.plusMillis(window)));
        });
        sample(size, "expiring on one day, expires asc", (r, n) -> {
            Instant from = created.plus(Duration.ofDays(r.nextInt(1000)));
            return sorted(Sort.EXPIRES_ASC).withExpires(new Range(from, from.plus(Duration.ofDays(1))));
        });
        sample(size, "last used in a 1% window, last used desc", (r, n) -> {
            Instant from = created.plus(Duration.ofDays(1)).plusMillis(r.nextLong(Math.max(1, n - window)));
            return sorted(Sort.LAST_USED_DESC).withLastUsed(new Range(from, from.plusMillis(window)));
        });
        sample(size, "never used (a third)", (r, n) -> all.withUsed(false));
        sample(size, "expired (most), expires asc", (r, n) -> sorted(Sort.EXPIRES_ASC).withExpired(true));
        sample(size, "one user, not expired", (r, n) -> new TokenQuery("JIRAUSER" + r.nextInt(Math.max(1, n / 10)),
                null, Sort.CREATED, 0, PAGE).withExpired(false));
        sample(size, "read-only scope (1 in 20)", (r, n) -> all.withScope(TokenScope.READ));
        sample(size, "everybody's, expires asc", (r, n) -> sorted(Sort.EXPIRES_ASC));
        sample(size, "everybody's, expires desc, page 100", (r, n) -> new TokenQuery(null, null, Sort.EXPIRES_DESC,
                99 * PAGE, PAGE));
    }

    private static TokenQuery sorted(Sort sort) {
        return new TokenQuery(null, null, sort, 0, PAGE);
    }

    private void sample(int size, String name, BiFunction<SplittableRandom, Integer, TokenQuery> queries) {
        ListingSamples timed = ListingSamples.take(size, name, samples, queries, store::find);
        System.out.printf(Locale.ROOT, "at %,9d rows: admin listing %-42s median %8.3f ms (p90 %8.3f), "
                + "%,d matches on average%n", size, name, timed.median(), timed.p90(), timed.averageMatches());
    }
}
