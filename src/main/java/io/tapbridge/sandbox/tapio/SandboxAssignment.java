package io.tapbridge.sandbox.tapio;

/** A machine assigned to an application in a customer subscription. */
public record SandboxAssignment(String tmid, String applicationId, String customerSubscriptionId) {
}
