package dev.apitokens.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or CIDR range, as in a token's {@code allowedIps} ({@code 192.0.2.7}, {@code 10.0.0.0/8},
 * {@code 2001:db8::/32}, {@code ::1}). Parsing never looks a name up in DNS: only IP literals are accepted.
 *
 * <p>An IPv4 range never contains an IPv6 address, not even an IPv4-mapped one ({@code ::ffff:10.0.0.1} is parsed
 * by Java as the IPv4 address {@code 10.0.0.1}, so it is contained the same as that).
 *
 * @since 1.2.0
 */
public final class IpRange {

    /** IPv4 dotted quad or an IPv6 literal: parsed by {@link InetAddress} without any name lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefix;

    private IpRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses an address ({@code 10.0.0.5}, a one-address range) or a CIDR range ({@code 10.0.0.0/8}).
     *
     * @return the range, or empty if the text is neither (a host name, a bad prefix length, garbage)
     */
    public static Optional<IpRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        byte[] address = addressBytes(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            String bits = value.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(bits);
            if (prefix > address.length * 8) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(address, prefix));
    }

    /** Whether the address (an IP literal; anything else is never contained) is in this range. */
    public boolean contains(String address) {
        byte[] bytes = addressBytes(address);
        return bytes != null && contains(bytes);
    }

    /** Whether the address, as {@link InetAddress#getAddress()} gives it, is in this range. */
    public boolean contains(byte[] address) {
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

    /**
     * The bytes of an IP literal (in brackets or not), or {@code null} for anything else; never a DNS lookup.
     */
    public static byte[] addressBytes(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (isDigitsAndDots(value)) {
            // IPv4 only in its normal form: InetAddress would look any other digits-and-dots text up in the DNS
            // ("1..2"), and read the legacy forms "127.1" and "0x7f.1" as addresses nobody means
            return canonicalQuad(value);
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

    private static boolean isDigitsAndDots(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bytes of a dotted quad in its normal form (four decimal numbers 0-255 without leading zeros), else
     * {@code null}: anything else is left to {@link InetAddress}, which reads it as it always did.
     */
    private static byte[] canonicalQuad(String value) {
        byte[] bytes = new byte[4];
        int part = 0;
        int number = 0;
        int digits = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part == 4) {
                    return null;
                }
                bytes[part++] = (byte) number;
                number = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && !(digits == 1 && number == 0)) {
                number = number * 10 + (c - '0');
                if (++digits > 3 || number > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    /**
     * The normal text form of an address's bytes: dotted quad for IPv4, RFC 5952 for IPv6 (lower case, the
     * longest run of two or more zero groups as {@code ::}, so {@code ::1}, not {@code 0:0:0:0:0:0:0:1}).
     */
    public static String normalise(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("not 4 or 16 bytes: " + address.length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** The range in CIDR form, e.g. {@code 10.0.0.0/8}; a single address without {@code /32} or {@code /128}. */
    @Override
    public String toString() {
        String base = normalise(network);
        return prefix == network.length * 8 ? base : base + "/" + prefix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange r && prefix == r.prefix && Arrays.equals(network, r.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }
}
