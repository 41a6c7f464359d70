package dev.apitokens.core.internal;

import dev.apitokens.spi.Hasher;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Constants;


/**
 * The installed hashers in service order: highest {@code service.ranking} first, ties broken by the lower
 * {@code service.id} (the older registration), exactly as the framework orders service references. The first is
 * the default for new tokens; a stored hash is verified by the first whose algorithm its PHC id names.
 */
final class RankedHashers {

    static final RankedHashers NONE = new RankedHashers(List.of(), List.of());

    /** The DS field value this ranking was computed from, so that a replaced field is noticed by identity. */
    private final Collection<?> source;
    private final List<Hasher> ranked;

    private RankedHashers(Collection<?> source, List<Hasher> ranked) {
        this.source = source;
        this.ranked = ranked;
    }

    /** Ranks hashers given with their service properties, as DS delivers them. */
    static RankedHashers of(Collection<? extends Map.Entry<Map<String, Object>, Hasher>> services) {
        List<Hasher> ranked = services.stream()
                .sorted(Comparator.<Map.Entry<Map<String, Object>, Hasher>>comparingInt(e -> ranking(e.getKey()))
                        .reversed()
                        .thenComparingLong(e -> serviceId(e.getKey())))
                .map(Map.Entry::getValue)
                .toList();
        return new RankedHashers(services, ranked);
    }

    boolean isFrom(Collection<?> services) {
        return source == services;
    }

    /** The hasher for new tokens. */
    Optional<Hasher> preferred() {
        return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
    }

    /** The highest-ranked hasher for the PHC algorithm id {@code algorithm}. */
    Optional<Hasher> forAlgorithm(String algorithm) {
        // a loop, not a stream: this runs on every cache hit
        for (Hasher hasher : ranked) {
            if (algorithm.equals(hasher.algorithm())) {
                return Optional.of(hasher);
            }
        }
        return Optional.empty();
    }

    private static int ranking(Map<String, Object> properties) {
        // As in the framework: a service.ranking that is not an Integer counts as 0.
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer rank ? rank : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE;
    }

    /** The algorithm id of a PHC string, without parsing (and so without risk of throwing on a bad one). */
    static String algorithmOf(String phc) {
        if (phc == null || !phc.startsWith("$")) {
            return null;
        }
        int end = phc.indexOf('$', 1);
        return end < 0 ? phc.substring(1) : phc.substring(1, end);
    }
}
