package io.tapbridge.ledger;

import java.time.Instant;

/** A file the ERP dropped, as the ledger knows it. */
public record ErpFile(long id, String flow, String name, String checksum, long sizeBytes, int rowCount, String state,
        Instant stagedAt, Instant ackedAt) {

    /** {@code <name>.ack.csv} was written. */
    public boolean acked() {
        return ackedAt != null;
    }

    public static final String STAGED = "STAGED";
    public static final String PLANNED = "PLANNED";
    public static final String DONE = "DONE";
}
