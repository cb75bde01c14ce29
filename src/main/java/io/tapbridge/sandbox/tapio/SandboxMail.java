package io.tapbridge.sandbox.tapio;

/** An e-mail a manufacturer sent to a customer's contact person; {@code bccAddress} null when none was given. */
public record SandboxMail(String subscriptionId, String subject, String content, String locale, String bccAddress) {
}
