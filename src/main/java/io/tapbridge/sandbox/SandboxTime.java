package io.tapbridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time as the sandbox sees it. Dates come from the configured clock. Elapsed time (processing,
 * token lifetime, OTA pending) is the larger of the clock's advance and the real monotonic time that
 * passed: a test that pins the date with {@code Clock.fixed} still sees orders complete, and a test that
 * moves a mutable clock forward makes them complete without waiting.
 */
final class SandboxTime {

    /** The TAP Store's business dates (serviceStartDate, the 3-day rule) are PST/PDT. */
    static final ZoneId TAP_ZONE = ZoneId.of("America/Los_Angeles");

    private final TapSandboxSettings settings;

    SandboxTime(TapSandboxSettings settings) {
        this.settings = settings;
    }

    Moment now() {
        return new Moment(settings.clock().instant(), System.nanoTime());
    }

    Instant instant() {
        return settings.clock().instant();
    }

    LocalDate todayInTapZone() {
        return LocalDate.ofInstant(instant(), TAP_ZONE);
    }

    LocalDate todayUtc() {
        return LocalDate.ofInstant(instant(), ZoneOffset.UTC);
    }

    Duration since(Moment m) {
        Duration wall = Duration.between(m.wall(), instant());
        Duration mono = Duration.ofNanos(System.nanoTime() - m.nanos());
        return wall.compareTo(mono) > 0 ? wall : mono;
    }

    boolean reached(Moment m, Duration after) {
        return since(m).compareTo(after) >= 0;
    }
}
