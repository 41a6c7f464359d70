package dev.apitokens.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, and that can also move a little at every reading, as a real clock does. */
final class MutableClock extends Clock {

    private volatile Instant now;
    private volatile Duration tick = Duration.ZERO;

    MutableClock(Instant start) {
        now = start;
    }

    void advance(Duration by) {
        now = now.plus(by);
    }

    /** From now on every reading is {@code by} later than the one before. */
    void tickAtEveryReading(Duration by) {
        tick = by;
    }

    @Override
    public synchronized Instant instant() {
        Instant read = now;
        now = read.plus(tick);
        return read;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
