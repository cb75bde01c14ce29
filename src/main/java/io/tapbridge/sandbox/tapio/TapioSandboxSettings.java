package io.tapbridge.sandbox.tapio;

import java.time.Duration;
import java.util.Objects;

import io.tapbridge.sandbox.SandboxSettings;

/**
 * Settings of the embedded tapio sandbox (its clock is the one {@link TapioSandbox#advanceTime} adds its offset to).
 * Live, like all sandbox settings ({@link SandboxSettings}). Client ids and secrets are
 * sandbox values, never real ones, and {@link #toString()} leaves the secrets out all the same.
 */
public final class TapioSandboxSettings extends SandboxSettings<TapioSandboxSettings> {

    private volatile String tenant = "tapiousers.onmicrosoft.com";
    private volatile String resource = "https://tapiousers.onmicrosoft.com/ManagementApiGateway";
    private volatile String manufacturerClientId = "tapio-manufacturer-sandbox";
    private volatile String manufacturerClientSecret = "sandbox-manufacturer-secret";
    private volatile String developerClientId = "tapio-developer-sandbox";
    private volatile String developerClientSecret = "sandbox-developer-secret";
    private volatile String manufacturerId = "tdm";
    private volatile Duration connectorConfigurationWindow = Duration.ofHours(1);
    private volatile String blockedSerialPrefix = "BLOCKED";
    private volatile int pageSize = 50;
    private volatile String seedPath = null;

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

    @Override
    protected TapioSandboxSettings self() {
        return this;
    }

    @Override
    public String toString() {
        // never print the secrets
        return "TapioSandboxSettings[" + shared() + ", tenant=" + tenant + ", resource=" + resource
                + ", manufacturerClientId=" + manufacturerClientId + ", developerClientId=" + developerClientId
                + ", manufacturerId=" + manufacturerId + ", connectorConfigurationWindow=" + connectorConfigurationWindow
                + ", blockedSerialPrefix=" + blockedSerialPrefix + ", pageSize=" + pageSize + ", seedPath=" + seedPath + "]";
    }
}
