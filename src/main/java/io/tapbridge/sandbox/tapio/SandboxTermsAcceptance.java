package io.tapbridge.sandbox.tapio;

/**
 * The terms of use of an application, accepted on behalf of a customer. One per subscription and
 * application; accepting again replaces the values.
 *
 * @param versionNumber    the version accepted: the one given, else the latest; null when the
 *                         application has no versions
 * @param acceptedLanguage two lower-case letters, null when none was given
 */
public record SandboxTermsAcceptance(String subscriptionId, String applicationId, String contractNumber,
                                     String versionNumber, String acceptedLanguage) {
}
