package dev.apitokens.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    /** What addressBytes answered before its dotted-quad fast path: InetAddress for every literal. */
    private static byte[] throughInetAddress(String value) {
        if (value.isEmpty() || !value.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Test
    void dottedQuadsAreReadAsInetAddressReadsThem() {
        assertArrayEquals(new byte[] {127, 0, 0, 1}, IpRange.addressBytes("127.0.0.1"));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, 0, 10}, IpRange.addressBytes(" 255.255.0.10 "));
        for (String bad : new String[] {"256.0.0.1", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.x",
                "1234.1.1.1", ""}) {
            assertNull(IpRange.addressBytes(bad), bad);
        }
        Random random = new Random(14);
        int quads = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder candidate = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int j = 0; j < length; j++) {
                candidate.append("0123456789..".charAt(random.nextInt(12)));
            }
            String value = random.nextInt(3) == 0 ? candidate.toString()
                    : random.nextInt(256) + "." + random.nextInt(300) + "." + (random.nextBoolean() ? "0" : "")
                            + random.nextInt(256) + "." + random.nextInt(256);
            byte[] expected = throughInetAddress(value);
            assertArrayEquals(expected, IpRange.addressBytes(value), value);
            quads += expected != null && expected.length == 4 ? 1 : 0;
        }
        assertTrue(quads > 5_000, "addresses tried: " + quads);
    }

    @Test
    void ipv6AndItsBracketsStillGoThroughInetAddress() throws Exception {
        assertArrayEquals(InetAddress.getByName("::1").getAddress(), IpRange.addressBytes("[::1]"));
        assertArrayEquals(InetAddress.getByName("2001:db8::7").getAddress(), IpRange.addressBytes("2001:db8::7"));
        assertNull(IpRange.addressBytes("example.com"));
        assertNull(IpRange.addressBytes(null));
    }
}
