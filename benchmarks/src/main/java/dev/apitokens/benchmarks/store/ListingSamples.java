package dev.apitokens.benchmarks.store;

import dev.apitokens.api.Page;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The sampling loop of the listing benchmarks (admin listing, audit listing): queries drawn from a random source
 * seeded by the table size and the case's name, a tenth of the samples (at least 3) as warm-up, then each sample
 * timed alone.
 *
 * @param median the median time of one page, milliseconds
 * @param p90 the 90th percentile, milliseconds
 * @param averageMatches the average count of all matches the pages reported
 */
record ListingSamples(double median, double p90, long averageMatches) {

    static <Q> ListingSamples take(int size, String name, int samples,
            BiFunction<SplittableRandom, Integer, Q> queries, Function<Q, Page<?>> find) {
        SplittableRandom random = new SplittableRandom(size + name.hashCode());
        for (int i = 0; i < Math.max(3, samples / 10); i++) {
            find.apply(queries.apply(random, size)); // warm-up
        }
        long[] nanos = new long[samples];
        long matches = 0;
        for (int i = 0; i < samples; i++) {
            Q query = queries.apply(random, size);
            long start = System.nanoTime();
            Page<?> page = find.apply(query);
            nanos[i] = System.nanoTime() - start;
            matches += page.total();
        }
        return new ListingSamples(BenchmarkDatabase.percentile(nanos, 50), BenchmarkDatabase.percentile(nanos, 90),
                matches / samples);
    }
}
