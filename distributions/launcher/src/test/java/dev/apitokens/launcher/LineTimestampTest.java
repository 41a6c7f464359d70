package dev.apitokens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

/** The writer's timestamps are exactly what slf4j-simple wrote before (its SimpleDateFormat pattern). */
class LineTimestampTest {

    @Test
    void timestampsAreSlf4jSimplesFormatAcrossSecondsZonesAndMilliseconds() {
        for (String zone : new String[] {"UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns"}) {
            LineTimestamp timestamps = new LineTimestamp(ZoneId.of(zone));
            SimpleDateFormat slf4jSimple = new SimpleDateFormat(LineTimestamp.PATTERN);
            slf4jSimple.setTimeZone(TimeZone.getTimeZone(zone));
            // across a DST change in Berlin (2026-03-29T01:00Z) and a leap day, both orders
            long[] times = {1_774_745_999_000L, 1_774_745_999_999L, 1_774_746_000_000L, 1_774_746_000_007L,
                    1_709_164_800_050L, 1_774_746_000_990L, 0L, 1_796_637_909_636L};
            for (long millis : times) {
                assertEquals(slf4jSimple.format(new Date(millis)) + " ",
                        new String(timestamps.of(millis), StandardCharsets.US_ASCII), zone + " " + millis);
            }
        }
    }
}
