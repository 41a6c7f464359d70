package dev.apitokens.benchmarks.load;

import java.util.List;
import java.util.Locale;

/**
 * One scenario's figures. Only requests sent inside the measured window count for the rate and the percentiles;
 * {@code successes} counts every 200 including the warm-up (it is what the token's usage count must grow by).
 *
 * @param measuredOk successful requests in the window
 * @param errors non-200 answers and failed requests in the window
 * @param warmUpErrors the same during the warm-up
 * @param successes every 200 of the scenario, warm-up included
 * @param seconds length of the measured window, up to its last answer
 */
record ScenarioResult(String name, int threads, long measuredOk, long errors, long warmUpErrors, long successes,
        double seconds, double p50Millis, double p99Millis) {

    double requestsPerSecond() {
        return seconds <= 0 ? 0 : measuredOk / seconds;
    }

    /** A placeholder row for a scenario that could not run (e.g. the hasher is not shipped). */
    static ScenarioResult skipped(String name) {
        return new ScenarioResult(name, 0, -1, 0, 0, 0, 0, Double.NaN, Double.NaN);
    }

    boolean isSkipped() {
        return measuredOk < 0;
    }

    /** The table, ratios against the first row. */
    static String table(List<ScenarioResult> rows) {
        ScenarioResult first = rows.get(0);
        int width = rows.stream().mapToInt(r -> r.name().length()).max().orElse(10);
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "| %-" + width + "s | %7s | %10s | %9s | %9s | %6s | %9s | %9s |%n",
                "scenario", "threads", "req/s", "p50 ms", "p99 ms", "errors", "req/s / a", "p50 / a");
        out.append(header);
        out.append(header.replaceAll("[^|\\n]", "-"));
        for (ScenarioResult row : rows) {
            if (row.isSkipped()) {
                out.append(String.format(Locale.ROOT, "| %-" + width + "s | %7s | %10s | %9s | %9s | %6s | %9s | %9s |%n",
                        row.name(), "-", "skipped", "-", "-", "-", "-", "-"));
                continue;
            }
            out.append(String.format(Locale.ROOT,
                    "| %-" + width + "s | %7d | %10.1f | %9.2f | %9.2f | %6d | %9s | %9s |%n", row.name(),
                    row.threads(), row.requestsPerSecond(), row.p50Millis(), row.p99Millis(), row.errors(),
                    ratio(row.requestsPerSecond(), first.requestsPerSecond()), ratio(row.p50Millis(), first.p50Millis())));
        }
        return out.toString();
    }

    private static String ratio(double value, double reference) {
        if (!(reference > 0) || Double.isNaN(value)) {
            return "-";
        }
        double r = value / reference;
        return String.format(Locale.ROOT, r >= 10 ? "%.0fx" : r >= 0.1 ? "%.2fx" : "%.4fx", r);
    }
}
