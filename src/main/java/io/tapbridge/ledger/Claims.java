package io.tapbridge.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * How work is claimed in the ledger, for every claimable table (TAP batches, machine rows, activation resends): in one
 * transaction the due rows that no live lease holds are locked (skip locked: claimers never wait for one another) and
 * leased to the claim, oldest due first. Several instances on one ledger so never take the same row.
 */
final class Claims {

    private Claims() {
    }

    /**
     * @param select   {@code select <columns> from <table> where <condition>}; the condition may use {@code :now}
     * @param table    the table whose rows are leased
     * @param claim    the name the rows are leased to ({@code lease_owner})
     * @param rows     maps the locked rows
     * @param id       a row's id
     */
    static <T> List<T> claim(Jdbi jdbi, String select, String table, Instant now, int max, Duration lease, String claim,
            Function<Query, List<T>> rows, ToLongFunction<T> id) {
        return jdbi.inTransaction(h -> {
            List<T> claimed = rows.apply(h.createQuery(select + " and (lease_until is null or lease_until < :now)"
                    + " order by due_at, id fetch first :max rows only for update skip locked").bind("now", now).bind("max", max));
            if (!claimed.isEmpty()) {
                h.createUpdate("update " + table + " set lease_owner = :claim, lease_until = :until where id in (<ids>)")
                        .bind("claim", claim).bind("until", now.plus(lease))
                        .bindList("ids", claimed.stream().map(id::applyAsLong).toList()).execute();
            }
            return claimed;
        });
    }
}
