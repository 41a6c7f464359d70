package dev.apitokens.authfilter.internal;

import dev.apitokens.api.IpRange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the client behind a request: the peer address, unless the peer is one of the configured trusted
 * reverse proxies, in which case {@code X-Forwarded-For} is read from the right, past every trusted hop, to the
 * first address no trusted proxy vouches for. A client can write anything into the header, so entries left of that
 * one are never believed.
 */
final class ClientAddress {

    private final List<IpRange> trusted;

    private ClientAddress(List<IpRange> trusted) {
        this.trusted = trusted;
    }

    /**
     * @param trustedProxies addresses ({@code 10.0.0.5}) or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) of
     *        reverse proxies whose {@code X-Forwarded-For} is believed
     * @param rejected told, with a reason, of each entry that is neither (and is left out)
     */
    static ClientAddress trusting(String[] trustedProxies, Consumer<String> rejected) {
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : trustedProxies == null ? new String[0] : trustedProxies) {
            String value = entry == null ? "" : entry.strip();
            if (value.isEmpty()) {
                continue;
            }
            IpRange.parse(value).ifPresentOrElse(ranges::add,
                    () -> rejected.accept("'" + value + "' is not an IP address or CIDR range"));
        }
        return new ClientAddress(List.copyOf(ranges));
    }

    /**
     * The client's address; behind trusted proxies normalised (so {@code ::1} and {@code 0:0:0:0:0:0:0:1} from
     * different headers are one key, {@link IpRange#normalise}). Without them, the container's own form of the
     * peer address.
     */
    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted.isEmpty()) {
            return peer; // nobody's X-Forwarded-For counts: the container's peer address is the key
        }
        byte[] peerBytes = parse(peer);
        if (peerBytes == null) {
            return peer;
        }
        String client = normalise(peerBytes);
        if (!isTrusted(peerBytes)) {
            return client;
        }
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = parse(hops.get(i));
            if (hop == null) {
                return client; // garbage in the header: the last address we could read is all we know
            }
            client = normalise(hop);
            if (!isTrusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(byte[] address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        var headers = request.getHeaders("X-Forwarded-For");
        while (headers != null && headers.hasMoreElements()) {
            for (String hop : headers.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    private static byte[] parse(String text) {
        return IpRange.addressBytes(text);
    }

    private static String normalise(byte[] address) {
        return IpRange.normalise(address);
    }
}
