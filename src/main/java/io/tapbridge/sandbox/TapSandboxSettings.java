package io.tapbridge.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the embedded TAP Store sandbox (the 3-day rule reads today's date from the clock in
 * America/Los_Angeles). Live, like all sandbox settings ({@link SandboxSettings}). An order keeps the
 * processingTime, holdReleaseAfter and serial prefixes that were in force when it was created, so a
 * change affects only later orders.
 */
public final class TapSandboxSettings extends SandboxSettings<TapSandboxSettings> {

    private volatile String clientId = "tap-bridge-sandbox";
    private volatile String clientSecret = "sandbox-secret";
    private volatile String scope = "tapstoreapis";
    private volatile Duration processingTime = Duration.ofSeconds(2);
    private volatile Duration holdReleaseAfter = null;
    private volatile Duration otaPendingTime = Duration.ofSeconds(2);
    private volatile String holdSerialPrefix = "HOLD";
    private volatile String errorSerialPrefix = "FAIL";
    private volatile String invalidSerialPrefix = "INVALID";
    private volatile OrderLookup orderLookup = OrderLookup.FIRST_GIVEN;
    private volatile boolean omitOrderNumber = false;
    private volatile String cataloguePath = null;

    public String clientId() { return clientId; }
    public TapSandboxSettings clientId(String clientId) { this.clientId = Objects.requireNonNull(clientId, "clientId"); return this; }

    public String clientSecret() { return clientSecret; }
    public TapSandboxSettings clientSecret(String clientSecret) { this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret"); return this; }

    public String scope() { return scope; }
    public TapSandboxSettings scope(String scope) { this.scope = Objects.requireNonNull(scope, "scope"); return this; }

    public Duration processingTime() { return processingTime; }
    public TapSandboxSettings processingTime(Duration processingTime) { this.processingTime = nonNegative(processingTime, "processingTime"); return this; }

    /** null: an ON_HOLD order stays on hold until {@link TapSandbox#releaseHold(String)}. */
    public Duration holdReleaseAfter() { return holdReleaseAfter; }
    public TapSandboxSettings holdReleaseAfter(Duration holdReleaseAfter) {
        this.holdReleaseAfter = holdReleaseAfter == null ? null : nonNegative(holdReleaseAfter, "holdReleaseAfter");
        return this;
    }

    public Duration otaPendingTime() { return otaPendingTime; }
    public TapSandboxSettings otaPendingTime(Duration otaPendingTime) { this.otaPendingTime = nonNegative(otaPendingTime, "otaPendingTime"); return this; }

    public String holdSerialPrefix() { return holdSerialPrefix; }
    public TapSandboxSettings holdSerialPrefix(String holdSerialPrefix) { this.holdSerialPrefix = Objects.requireNonNull(holdSerialPrefix, "holdSerialPrefix"); return this; }

    /**
     * How TAP_GET_ORDER_API combines its parameters, which the text leaves open. Either way a look-up by serial number
     * shows only that serial's lines ("the information specific to the serial number"), and of several matching
     * orders the newest.
     */
    public enum OrderLookup {
        /** The hardest reading, and the default: only the first given of uniqueID, serialNumber, poNumber counts. */
        FIRST_GIVEN,
        /** An order must match every parameter given. */
        ALL_GIVEN
    }

    public OrderLookup orderLookup() { return orderLookup; }
    public TapSandboxSettings orderLookup(OrderLookup orderLookup) { this.orderLookup = Objects.requireNonNull(orderLookup, "orderLookup"); return this; }

    /** TAP_GET_ORDER_API answers without orderHdr.orderNumber (the text types it, but never promises it). */
    public boolean omitOrderNumber() { return omitOrderNumber; }
    public TapSandboxSettings omitOrderNumber(boolean omitOrderNumber) { this.omitOrderNumber = omitOrderNumber; return this; }

    /** An RTX serial starting with this fails the store's serial-number validation: a 400 that names its line. */
    public String invalidSerialPrefix() { return invalidSerialPrefix; }
    public TapSandboxSettings invalidSerialPrefix(String invalidSerialPrefix) { this.invalidSerialPrefix = Objects.requireNonNull(invalidSerialPrefix, "invalidSerialPrefix"); return this; }

    public String errorSerialPrefix() { return errorSerialPrefix; }
    public TapSandboxSettings errorSerialPrefix(String errorSerialPrefix) { this.errorSerialPrefix = Objects.requireNonNull(errorSerialPrefix, "errorSerialPrefix"); return this; }

    /** null: the classpath seed {@code io/tapbridge/sandbox/tap-catalogue.json}. */
    public String cataloguePath() { return cataloguePath; }
    public TapSandboxSettings cataloguePath(String cataloguePath) { this.cataloguePath = cataloguePath; return this; }

    @Override
    protected TapSandboxSettings self() {
        return this;
    }

    @Override
    public String toString() {
        // never print the secret
        return "TapSandboxSettings[" + shared() + ", clientId=" + clientId + ", scope=" + scope + ", processingTime=" + processingTime
                + ", holdReleaseAfter=" + holdReleaseAfter + ", otaPendingTime=" + otaPendingTime
                + ", holdSerialPrefix=" + holdSerialPrefix + ", errorSerialPrefix=" + errorSerialPrefix
                + ", cataloguePath=" + cataloguePath + "]";
    }
}
