package io.tapbridge.sandbox.tapio;

/**
 * A licence as kept: the snapshot record and the date texts exactly as the developer sent them, which
 * the GET routes echo (a date sent without an offset comes back without one).
 */
record StoredLicense(SandboxLicense license, String issuedAtText, String validFromText, String validToText) {
}
