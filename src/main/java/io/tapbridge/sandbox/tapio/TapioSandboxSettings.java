package io.tapbridge.sandbox.tapio;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the embedded tapio sandbox. Mutable and fluent; the sandbox reads them live, so the
 * fields are volatile (the event loop reads what a test thread wrote). Client ids and secrets are
 * sandbox values, never real ones, and {@link #toString()} leaves the secrets out all the same.
 */
public final class TapioSandboxSettings {

    private volatile String host = "127.0.0.1";
    private volatile int port = 0;
    private volatile String tenant = "tapiousers.onmicrosoft.com";
    private volatile String resource = "https://tapiousers.onmicrosoft.com/ManagementApiGateway";
    private volatile String manufacturerClientId = "tapio-manufacturer-sandbox";
    private volatile String manufacturerClientSecret = "sandbox-manufacturer-secret";
    private volatile String developerClientId = "tapio-developer-sandbox";
    private volatile String developerClientSecret = "sandbox-developer-secret";
    private volatile String manufacturerId = "tdm";
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration connectorConfigurationWindow = Duration.ofHours(1);
    private volatile String blockedSerialPrefix = "BLOCKED";
    private volatile int pageSize = 50;
    private volatile String seedPath = null;
    private volatile Clock clock = Clock.systemUTC();

    public String host() { return host; }
    public TapioSandboxSettings host(String host) { this.host = required(host, "host"); return this; }

    /** 0 binds an ephemeral port; the product's demo configures 18091. */
    public int port() { return port; }
    public TapioSandboxSettings port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        this.port = port;
        return this;
    }

    /** The Azure AD tenant in the token endpoint's path. */
    public String tenant() { return tenant; }
    public TapioSandboxSettings tenant(String tenant) { this.tenant = required(tenant, "tenant"); return this; }

    /** The v1 {@code resource}; the v2 {@code scope} is this followed by {@code /.default}. */
    public String resource() { return resource; }
    public TapioSandboxSettings resource(String resource) { this.resource = required(resource, "resource"); return this; }

    public String manufacturerClientId() { return manufacturerClientId; }
    public TapioSandboxSettings manufacturerClientId(String id) {
        this.manufacturerClientId = required(id, "manufacturerClientId");
        return this;
    }

    public String manufacturerClientSecret() { return manufacturerClientSecret; }
    public TapioSandboxSettings manufacturerClientSecret(String secret) {
        this.manufacturerClientSecret = required(secret, "manufacturerClientSecret");
        return this;
    }

    public String developerClientId() { return developerClientId; }
    public TapioSandboxSettings developerClientId(String id) { this.developerClientId = required(id, "developerClientId"); return this; }

    public String developerClientSecret() { return developerClientSecret; }
    public TapioSandboxSettings developerClientSecret(String secret) {
        this.developerClientSecret = required(secret, "developerClientSecret");
        return this;
    }

    /** The prefix of every tmid: tmid = manufacturerId + tmidPostfix. */
    public String manufacturerId() { return manufacturerId; }
    public TapioSandboxSettings manufacturerId(String manufacturerId) {
        this.manufacturerId = required(manufacturerId, "manufacturerId");
        return this;
    }

    public Duration tokenLifetime() { return tokenLifetime; }
    public TapioSandboxSettings tokenLifetime(Duration tokenLifetime) {
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        this.tokenLifetime = tokenLifetime;
        return this;
    }

    /** Time to answer every API and token request, counted from the request's arrival. */
    public Duration latency() { return latency; }
    public TapioSandboxSettings latency(Duration latency) { this.latency = nonNegative(latency, "latency"); return this; }

    /** How long a cloud connector's configuration file can be fetched after the connector was created. */
    public Duration connectorConfigurationWindow() { return connectorConfigurationWindow; }
    public TapioSandboxSettings connectorConfigurationWindow(Duration window) {
        this.connectorConfigurationWindow = nonNegative(window, "connectorConfigurationWindow");
        return this;
    }

    /** Onboarding a machine whose serial number starts with this (ignoring case) answers 409 "blocked". */
    public String blockedSerialPrefix() { return blockedSerialPrefix; }
    public TapioSandboxSettings blockedSerialPrefix(String prefix) {
        this.blockedSerialPrefix = required(prefix, "blockedSerialPrefix");
        return this;
    }

    /** Licences per page of the licence list. */
    public int pageSize() { return pageSize; }
    public TapioSandboxSettings pageSize(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        this.pageSize = pageSize;
        return this;
    }

    /** null: the classpath seed {@code io/tapbridge/sandbox/tapio/seed.json}; else a file path. */
    public String seedPath() { return seedPath; }
    public TapioSandboxSettings seedPath(String seedPath) { this.seedPath = seedPath; return this; }

    /** The sandbox's clock before {@link TapioSandbox#advanceTime} adds its offset. */
    public Clock clock() { return clock; }
    public TapioSandboxSettings clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }

    private static String required(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return d;
    }

    @Override
    public String toString() {
        // never print the secrets
        return "TapioSandboxSettings[host=" + host + ", port=" + port + ", tenant=" + tenant + ", resource=" + resource
                + ", manufacturerClientId=" + manufacturerClientId + ", developerClientId=" + developerClientId
                + ", manufacturerId=" + manufacturerId + ", tokenLifetime=" + tokenLifetime + ", latency=" + latency
                + ", connectorConfigurationWindow=" + connectorConfigurationWindow
                + ", blockedSerialPrefix=" + blockedSerialPrefix + ", pageSize=" + pageSize + ", seedPath=" + seedPath
                + ", clock=" + clock + "]";
    }
}
