package dev.apitokens.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * N client threads, each sending one request and waiting for its answer before the next (a closed loop, like N
 * scripts calling the REST API in a loop), each over its own kept-alive HTTP/1.1 connection. A request belongs to the warm-up or
 * to the measured window by the time it was sent; the window ends when its last request is answered.
 */
final class ClosedLoopLoad {

    private final InetSocketAddress server;
    private final int threads;
    private final Duration warmUp;
    private final Duration measure;

    ClosedLoopLoad(InetSocketAddress server, int threads, Duration warmUp, Duration measure) {
        this.server = server;
        this.threads = threads;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /** The same clients with another warm-up and measured window. */
    ClosedLoopLoad withWindow(Duration otherWarmUp, Duration otherMeasure) {
        return new ClosedLoopLoad(server, threads, otherWarmUp, otherMeasure);
    }

    /** What one client thread saw. */
    private static final class Tally {
        long[] latencies = new long[1024];
        int measured;
        long measuredErrors;
        long warmUpErrors;
        long successes;
        long lastAnswerNanos;

        void record(long nanos) {
            if (measured == latencies.length) {
                latencies = Arrays.copyOf(latencies, measured * 2);
            }
            latencies[measured++] = nanos;
        }
    }

    /** Runs the scenario: {@code GET path} with the given Authorization header. */
    ScenarioResult run(String name, String path, String authorization) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + measure.toNanos();
        List<Tally> tallies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Tally tally = new Tally();
            tallies.add(tally);
            Thread thread = new Thread(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(server, path, authorization)) {
                    loop(connection, tally, measureFrom, measureUntil);
                } finally {
                    done.countDown();
                }
            }, "load-" + name + "-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        return summarize(name, tallies, measureFrom);
    }

    private static void loop(KeepAliveConnection connection, Tally tally, long measureFrom, long measureUntil) {
        while (true) {
            long sent = System.nanoTime();
            if (sent >= measureUntil) {
                return;
            }
            boolean ok;
            try {
                ok = connection.send() == 200;
            } catch (java.io.IOException | RuntimeException e) {
                ok = false; // counted as an error; the next request opens a new connection
            }
            long answered = System.nanoTime();
            if (ok) {
                tally.successes++;
            }
            if (sent < measureFrom) {
                tally.warmUpErrors += ok ? 0 : 1;
                continue;
            }
            tally.lastAnswerNanos = answered;
            if (ok) {
                tally.record(answered - sent);
            } else {
                tally.measuredErrors++;
            }
        }
    }

    private ScenarioResult summarize(String name, List<Tally> tallies, long measureFrom) {
        int total = tallies.stream().mapToInt(t -> t.measured).sum();
        long[] all = new long[total];
        int at = 0;
        long errors = 0;
        long warmUpErrors = 0;
        long successes = 0;
        long end = measureFrom;
        for (Tally tally : tallies) {
            System.arraycopy(tally.latencies, 0, all, at, tally.measured);
            at += tally.measured;
            errors += tally.measuredErrors;
            warmUpErrors += tally.warmUpErrors;
            successes += tally.successes;
            end = Math.max(end, tally.lastAnswerNanos);
        }
        Arrays.sort(all);
        double seconds = (end - measureFrom) / 1e9;
        return new ScenarioResult(name, threads, total, errors, warmUpErrors, successes, seconds,
                percentileMillis(all, 0.50), percentileMillis(all, 0.99));
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds; NaN without samples. */
    private static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
