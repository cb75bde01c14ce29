package io.tapbridge.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the settings of both sandboxes share: where they listen, how long their tokens live, how slowly they answer,
 * their clock. Mutable and fluent (each setter answers the sandbox's own settings type); the sandboxes read them
 * live, so the fields are volatile (the event loop reads what a test thread wrote).
 */
public abstract class SandboxSettings<S extends SandboxSettings<S>> {

    private volatile String host = "127.0.0.1";
    private volatile int port = 0;
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile Duration latency = Duration.ZERO;
    private volatile Clock clock = Clock.systemUTC();

    protected abstract S self();

    public String host() { return host; }
    public S host(String host) { this.host = required(host, "host"); return self(); }

    /** 0 binds an ephemeral port; the demo configures 18090 (TAP) and 18091 (tapio). */
    public int port() { return port; }
    public S port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        this.port = port;
        return self();
    }

    public Duration tokenLifetime() { return tokenLifetime; }
    public S tokenLifetime(Duration tokenLifetime) {
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        this.tokenLifetime = tokenLifetime;
        return self();
    }

    /** Time to answer every API and token request, counted from the request's arrival. */
    public Duration latency() { return latency; }
    public S latency(Duration latency) { this.latency = nonNegative(latency, "latency"); return self(); }

    public Clock clock() { return clock; }
    public S clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return self(); }

    protected static String required(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    protected static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return d;
    }

    /** The shared settings for toString (secrets are never among them). */
    protected String shared() {
        return "host=" + host + ", port=" + port + ", tokenLifetime=" + tokenLifetime + ", latency=" + latency + ", clock=" + clock;
    }
}
