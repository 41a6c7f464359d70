package dev.apitokens.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client address a token was used from, and when it was last seen there (written behind with the usage count,
 * so up to the flush interval late).
 *
 * @param address the client address as the authentication filter saw it (behind trusted proxies, the forwarded
 *        client address), normalised
 * @param lastSeen the latest successful authentication from it
 * @since 1.2.0
 */
public record UsedAddress(String address, Instant lastSeen) {

    /** How many distinct addresses a token keeps: the most recent ones. */
    public static final int KEPT_PER_TOKEN = 5;

    public UsedAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /**
     * Two lists of addresses as one: each address once with its latest time, most recent first (ties by address),
     * at most {@value #KEPT_PER_TOKEN}.
     */
    public static List<UsedAddress> merge(List<UsedAddress> a, List<UsedAddress> b) {
        if (b.isEmpty() && a.size() <= KEPT_PER_TOKEN) {
            return a;
        }
        if (a.isEmpty() && b.size() == 1) {
            return b;
        }
        if (b.size() == 1 && !a.isEmpty() && a.get(0).address().equals(b.get(0).address())) {
            // the common case on the request path: the same client again
            if (!b.get(0).lastSeen().isAfter(a.get(0).lastSeen())) {
                return a;
            }
            List<UsedAddress> replaced = new ArrayList<>(a);
            replaced.set(0, b.get(0));
            return List.copyOf(replaced);
        }
        Map<String, Instant> latest = new LinkedHashMap<>();
        for (List<UsedAddress> list : List.of(a, b)) {
            for (UsedAddress used : list) {
                latest.merge(used.address(), used.lastSeen(), (x, y) -> x.isAfter(y) ? x : y);
            }
        }
        List<UsedAddress> merged = new ArrayList<>();
        latest.forEach((address, seen) -> merged.add(new UsedAddress(address, seen)));
        merged.sort(Comparator.comparing(UsedAddress::lastSeen).reversed().thenComparing(UsedAddress::address));
        return List.copyOf(merged.subList(0, Math.min(KEPT_PER_TOKEN, merged.size())));
    }
}
