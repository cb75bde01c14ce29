package io.tapbridge.sandbox.tapio;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's time: the configured clock plus the offset that {@link TapioSandbox#advanceTime} adds.
 * Every time rule (token expiry, the connector-configuration window, licence validity) reads it, so a
 * test moves time on instead of sleeping.
 */
final class SandboxClock {

    private final TapioSandboxSettings settings;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    SandboxClock(TapioSandboxSettings settings) {
        this.settings = settings;
    }

    Instant now() {
        return settings.clock().instant().plus(offset.get());
    }

    void advance(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward");
        }
        offset.updateAndGet(o -> o.plus(d));
    }

    void reset() {
        offset.set(Duration.ZERO);
    }
}
