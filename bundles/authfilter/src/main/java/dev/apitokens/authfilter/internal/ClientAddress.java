package dev.apitokens.authfilter.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the client behind a request: the peer address, unless the peer is one of the configured trusted
 * reverse proxies, in which case {@code X-Forwarded-For} is read from the right, past every trusted hop, to the
 * first address no trusted proxy vouches for. A client can write anything into the header, so entries left of that
 * one are never believed.
 */
final class ClientAddress {

    /** IPv4 dotted quad or an IPv6 literal: parsed by {@link InetAddress} without any name lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted;

    private ClientAddress(List<Range> trusted) {
        this.trusted = trusted;
    }

    /**
     * @param trustedProxies addresses ({@code 10.0.0.5}) or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) of
     *        reverse proxies whose {@code X-Forwarded-For} is believed
     * @param rejected told, with a reason, of each entry that is neither (and is left out)
     */
    static ClientAddress trusting(String[] trustedProxies, Consumer<String> rejected) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies == null ? new String[0] : trustedProxies) {
            String value = entry == null ? "" : entry.strip();
            if (value.isEmpty()) {
                continue;
            }
            int slash = value.indexOf('/');
            byte[] network = parse(slash < 0 ? value : value.substring(0, slash));
            if (network == null) {
                rejected.accept("'" + value + "' is not an IP address or CIDR range");
                continue;
            }
            int prefix = slash < 0 ? network.length * 8 : prefixLength(value.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                rejected.accept("'" + value + "' has a bad prefix length");
                continue;
            }
            ranges.add(new Range(network, prefix));
        }
        return new ClientAddress(List.copyOf(ranges));
    }

    private static int prefixLength(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The client's address; behind trusted proxies normalised (so {@code ::1} and {@code 0:0:0:0:0:0:0:1} from
     * different headers are one key). Without them, the container's own form of the peer address.
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

    /** The bytes of an IP literal, or {@code null} for anything else (never a DNS lookup). */
    private static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > 45 || !IP_LITERAL.matcher(value).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String normalise(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: the length came from a parsed address
        }
    }
}
