package dev.apitokens.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The timestamp in front of a log line, {@code 2026-12-07T10:05:50.123+0000 } (slf4j-simple's
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ} and a space), made by the log writer thread from the time the line was
 * logged. The date and zone are formatted once per second; only the milliseconds change in between. Not
 * thread-safe: one writer uses it.
 */
final class LineTimestamp {

    static final String PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("Z");

    private final ZoneId zone;
    private long second = Long.MIN_VALUE;
    private byte[] text = new byte[0];
    private int dot;

    LineTimestamp(ZoneId zone) {
        this.zone = zone;
    }

    /** The bytes to write before the line logged at {@code epochMillis}; valid until the next call. */
    byte[] of(long epochMillis) {
        long at = Math.floorDiv(epochMillis, 1000);
        if (at != second) {
            var time = Instant.ofEpochSecond(at).atZone(zone);
            String date = SECOND.format(time) + ".000" + ZONE.format(time) + " ";
            text = date.getBytes(StandardCharsets.US_ASCII);
            dot = date.indexOf('.') + 1;
            second = at;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        text[dot] = (byte) ('0' + millis / 100);
        text[dot + 1] = (byte) ('0' + millis / 10 % 10);
        text[dot + 2] = (byte) ('0' + millis % 10);
        return text;
    }
}
