package dev.apitokens.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    /**
     * An independent reading of the IPv4 form addressBytes accepts: four decimal numbers 0-255 without leading
     * zeros, as InetAddress reads them (never through InetAddress for such text: it would ask the DNS for "1..2").
     */
    private static byte[] normalDottedQuad(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!part.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(part) > 255) {
                return null;
            }
            bytes[i] = (byte) Integer.parseInt(part);
        }
        return bytes;
    }

    @Test
    void dottedQuadsAreReadAsInetAddressReadsThemAndNothingElseIsLookedUp() throws Exception {
        assertArrayEquals(new byte[] {127, 0, 0, 1}, IpRange.addressBytes("127.0.0.1"));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, 0, 10}, IpRange.addressBytes(" 255.255.0.10 "));
        for (String bad : new String[] {"256.0.0.1", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.x",
                "1234.1.1.1", "", "127.1", "12", "01.2.3.4", "1..2"}) {
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
            byte[] expected = normalDottedQuad(value);
            assertArrayEquals(expected, IpRange.addressBytes(value), value);
            if (expected != null) {
                assertArrayEquals(InetAddress.getByName(value).getAddress(), expected, "InetAddress agrees: " + value);
            }
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
