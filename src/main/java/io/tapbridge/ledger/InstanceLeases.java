package io.tapbridge.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's claims in the ledger, as a whole: taken back at start and kept alive by a heartbeat.
 *
 * <p>Leases are short (seconds), so that a dead instance's work is taken over quickly; a live instance renews
 * every claim it holds at each heartbeat, however long its calls take. At start, an instance frees whatever the
 * ledger still records as claimed by its own id (a stable id, not the pid): that work was in flight when the
 * previous run of this instance died, and is claimed again at once instead of after the lease.
 */
public final class InstanceLeases {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceLeases.class);
    /** A claim of this instance: named after it, or after it and a claim number (machine rows: {@code instance#uuid}). */
    private static final String OWNED = "lease_owner = :owner or lease_owner like :claims escape '!'";

    private final Jdbi jdbi;
    private final Clock clock;
    private final String instance;
    /** Claimable table → its lease. */
    private final Map<String, Duration> leases = new LinkedHashMap<>();

    /**
     * @param instance this instance's stable id; claims are named {@code instance} or {@code instance#…}
     */
    public InstanceLeases(Jdbi jdbi, Clock clock, String instance, Duration batchLease, Duration machineLease, Duration planningLease) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.instance = instance;
        leases.put("tap_batch", batchLease);
        leases.put("machine_row", machineLease);
        leases.put("resend_row", batchLease);
        leases.put("erp_file", planningLease);
    }

    /** Frees the claims an earlier run of this instance left behind; call before any route starts. */
    public int takeBack() {
        int freed = jdbi.inTransaction(h -> {
            int n = 0;
            for (String table : leases.keySet()) {
                n += h.createUpdate("update " + table + " set lease_owner = null, lease_until = null where " + OWNED)
                        .bind("owner", instance).bind("claims", likePrefix(instance)).execute();
            }
            return n;
        });
        if (freed > 0) {
            LOG.warn("Instance {} took back {} claim(s) of its previous run (it stopped while they were in flight); they are"
                    + " resumed now: uncertain creates are reconciled with TAP before anything is sent again", instance, freed);
        }
        return freed;
    }

    /** The heartbeat: every live claim of this instance runs for its full lease again. */
    public void renew() {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            for (Map.Entry<String, Duration> lease : leases.entrySet()) {
                h.createUpdate("update " + lease.getKey() + " set lease_until = :until where lease_until >= :now and (" + OWNED + ")")
                        .bind("until", now.plus(lease.getValue())).bind("now", now)
                        .bind("owner", instance).bind("claims", likePrefix(instance)).execute();
            }
        });
    }

    /** {@code instance#%}, with LIKE's special characters in the id escaped. */
    private static String likePrefix(String instance) {
        return instance.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "#%";
    }
}
