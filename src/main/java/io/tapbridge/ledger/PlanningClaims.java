package io.tapbridge.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Who plans a staged file: one planner at a time, on this instance or another. The claim is a lease on the
 * {@code erp_file} row, renewed by every PO the planner commits and cleared when the file is planned; a planner
 * that died leaves a lease that runs out, and the file is then taken up again.
 */
public final class PlanningClaims {

    private final Jdbi jdbi;
    private final Clock clock;
    private final String owner;
    private final Duration lease;

    public PlanningClaims(Jdbi jdbi, Clock clock, String owner, Duration lease) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
    }

    /** True when the caller now plans the file; false when it is planned already or being planned elsewhere. */
    public boolean claim(long fileId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.execute("update erp_file set lease_owner = ?, lease_until = ? where id = ? and state = 'STAGED'"
                + " and (lease_until is null or lease_until < ?)", owner, now.plus(lease), fileId, now)) == 1;
    }

    /** Renews the lease inside the transaction of the PO just planned. */
    public void hold(Handle h, long fileId) {
        h.execute("update erp_file set lease_until = ? where id = ? and lease_owner = ?", clock.instant().plus(lease), fileId, owner);
    }

    /** Gives the file up unplanned (TAP's catalogue is unreachable), so that the next resume run takes it at once. */
    public void release(long fileId) {
        jdbi.useHandle(h -> h.execute("update erp_file set lease_owner = null, lease_until = null where id = ? and lease_owner = ?",
                fileId, owner));
    }
}
