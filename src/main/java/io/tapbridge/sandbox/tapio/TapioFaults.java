package io.tapbridge.sandbox.tapio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Switches that make the next requests misbehave. Each switch is a counter consumed by one request at a
 * time. {@code method} is an HTTP method (any case), or {@code null} / {@code "*"} for any; {@code pathRegex}
 * must match the whole path (no query), e.g. {@code "/management/manufacturer/machines/[^/]+/onboarding"}.
 * Arming a switch for the same method and regex again replaces its count and parameter; a count of 0
 * disarms it. When several switches match a request, the one armed first is consumed.
 *
 * <p>Thread-safe: tests arm switches while the event loop consumes them.
 */
public final class TapioFaults {

    private static final class Switch {
        final String method;
        final String regex;
        final Pattern path;
        int remaining;
        int httpStatus;
        Duration delay;

        Switch(String method, String regex) {
            this.method = method;
            this.regex = regex;
            this.path = Pattern.compile(regex);
        }

        boolean matches(String requestMethod, String requestPath) {
            return (method == null || method.equals(requestMethod)) && path.matcher(requestPath).matches();
        }
    }

    private final List<Switch> failures = new ArrayList<>();
    private final List<Switch> slow = new ArrayList<>();
    private int rateLimits;
    private int retryAfterSeconds;

    /**
     * The next {@code count} matching requests (API or token endpoint) are answered with {@code httpStatus}
     * and a {@code {"message","details"}} body, and have no effect. They still need a valid token and role
     * on API routes: the fault stands for the service behind the gateway.
     */
    public synchronized void failNext(String method, String pathRegex, int count, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be an error status (4xx/5xx), not " + httpStatus);
        }
        Switch s = arm(failures, method, pathRegex, count);
        s.httpStatus = httpStatus;
    }

    /** The next {@code count} API requests, whatever their path, get 429 with Retry-After and have no effect. */
    public synchronized void rateLimitNext(int count, int retryAfterSeconds) {
        requireCount(count);
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        this.rateLimits = count;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * The next {@code count} matching requests are processed at once (their effect is visible in the
     * sandbox's state) but answered only {@code delay} after they arrived: a client timeout where the
     * server still did the work.
     */
    public synchronized void slowNext(String method, String pathRegex, int count, Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        Switch s = arm(slow, method, pathRegex, count);
        s.delay = delay;
    }

    /** Disarms every switch. */
    public synchronized void clear() {
        failures.clear();
        slow.clear();
        rateLimits = 0;
    }

    synchronized OptionalInt takeFailure(String method, String path) {
        Switch s = take(failures, method, path);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s.httpStatus);
    }

    synchronized Optional<Duration> takeSlow(String method, String path) {
        Switch s = take(slow, method, path);
        return s == null ? Optional.empty() : Optional.of(s.delay);
    }

    /** The Retry-After seconds of a consumed rate limit, or empty. */
    synchronized OptionalInt takeRateLimit() {
        if (rateLimits <= 0) {
            return OptionalInt.empty();
        }
        rateLimits--;
        return OptionalInt.of(retryAfterSeconds);
    }

    private static Switch arm(List<Switch> switches, String method, String pathRegex, int count) {
        requireCount(count);
        Objects.requireNonNull(pathRegex, "pathRegex");
        String m = method == null || "*".equals(method) ? null : method.toUpperCase(Locale.ROOT);
        for (Iterator<Switch> it = switches.iterator(); it.hasNext(); ) {
            Switch s = it.next();
            if (Objects.equals(s.method, m) && s.regex.equals(pathRegex)) {
                it.remove();
            }
        }
        Switch s = new Switch(m, pathRegex);
        s.remaining = count;
        if (count > 0) {
            switches.add(s);
        }
        return s;
    }

    private static Switch take(List<Switch> switches, String method, String path) {
        for (Iterator<Switch> it = switches.iterator(); it.hasNext(); ) {
            Switch s = it.next();
            if (s.matches(method, path)) {
                if (--s.remaining <= 0) {
                    it.remove();
                }
                return s;
            }
        }
        return null;
    }

    private static void requireCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }
}
