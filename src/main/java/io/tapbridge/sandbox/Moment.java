package io.tapbridge.sandbox;

import java.time.Instant;

/** A point in sandbox time: the configured clock's instant and the monotonic nanos taken together. */
record Moment(Instant wall, long nanos) {
}
