package io.tapbridge.sandbox.tapio;

import java.time.Instant;

/**
 * A licence bound to a machine. Dates without an offset in the request are read as UTC.
 *
 * @param createdBy the role of the client that created it ("developer")
 */
public record SandboxLicense(String id, String applicationId, String tmid, String name, String serialNumber,
                             int machineCount, Instant validFrom, Instant validTo, String createdBy,
                             Instant issuedAt, Instant createdAt) {

    /** validFrom ≤ at ≤ validTo. */
    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && !at.isAfter(validTo);
    }
}
