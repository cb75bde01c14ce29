package io.tapbridge.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The {@code erp_file} table: one row per file dropped, its state and the version of its results. */
public final class ErpFiles {

    /** The flow of machines files, whose rows change in machine_row (order files' batches change in tap_batch). */
    private static final String MACHINES = "MACHINES";
    private static final String COLUMNS = "id, flow, name, checksum, size_bytes, row_count, state, staged_at, acked_at";

    private final Jdbi jdbi;

    public ErpFiles(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(ErpFile.class));
    }

    public Optional<ErpFile> find(String flow, String name, String checksum) {
        return jdbi.withHandle(h -> find(h, flow, name, checksum));
    }

    public ErpFile get(long id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from erp_file where id = ?")
                .bind(0, id).mapTo(ErpFile.class).one());
    }

    /** Within the staging transaction: the same file staged before, if any. */
    public Optional<ErpFile> find(Handle h, String flow, String name, String checksum) {
        return h.createQuery("select " + COLUMNS + " from erp_file where flow = ? and name = ? and checksum = ?")
                .bind(0, flow).bind(1, name).bind(2, checksum).mapTo(ErpFile.class).findOne();
    }

    /** A file whose rows are being staged; {@code provisionalChecksum} is unique until {@link #staged} sets the real one. */
    public long insert(Handle h, String flow, String name, String provisionalChecksum, Instant now) {
        return h.createUpdate("insert into erp_file (flow, name, checksum, size_bytes, row_count, state, staged_at)"
                        + " values (?, ?, ?, 0, 0, 'STAGED', ?)")
                .bind(0, flow).bind(1, name).bind(2, provisionalChecksum).bind(3, now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Every row read: the file's checksum, size and row count (the unique key refuses a second copy of a file). */
    public void staged(Handle h, long id, String checksum, long size, int rows) {
        h.execute("update erp_file set checksum = ?, size_bytes = ?, row_count = ? where id = ?", checksum, size, rows, id);
    }

    public List<Long> inState(String flow, String state) {
        return jdbi.withHandle(h -> h.createQuery("select id from erp_file where flow = ? and state = ? order by id")
                .bind(0, flow).bind(1, state).mapTo(Long.class).list());
    }

    /** True for the call that moved the file from STAGED to PLANNED; false when it was planned already. */
    public boolean markPlanned(long id) {
        return jdbi.withHandle(h -> h.execute("update erp_file set state = 'PLANNED', planned_at = ?, lease_owner = null,"
                + " lease_until = null where id = ? and state = 'STAGED'", Instant.now(), id)) == 1;
    }

    public void markAcked(long id, Instant now) {
        jdbi.useHandle(h -> h.execute("update erp_file set acked_at = ? where id = ?", now, id));
    }

    public void markDone(long id, Instant now) {
        jdbi.useHandle(h -> h.execute("update erp_file set state = 'DONE', done_at = ? where id = ? and state = 'PLANNED'", now, id));
    }

    /**
     * Planned files whose status.csv is older than their ledger state: never written, or a batch of theirs changed
     * since. Derived from the batches' own time stamps, so no state change has to touch the file's row.
     */
    public List<ErpFile> withUnwrittenResults(String flow) {
        String changes = switch (flow) {
            case MACHINES -> "machine_row";
            case "RESENDS" -> "resend_row";
            default -> "tap_batch";
        };
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from erp_file f where flow = ? and state = 'PLANNED'"
                        + " and (results_at is null or exists (select 1 from " + changes + " b where b.file_id = f.id and b.updated_at >= f.results_at)) order by id")
                .bind(0, flow).mapTo(ErpFile.class).list());
    }

    /** status.csv shows every change made before {@code upTo}. */
    public void markWritten(long id, Instant upTo) {
        jdbi.useHandle(h -> h.execute("update erp_file set results_at = ? where id = ?", upTo, id));
    }

    /** The latest file of the same flow and name staged before this one, if any. */
    public Optional<Long> previousOfName(ErpFile file) {
        return jdbi.withHandle(h -> h.createQuery("select max(id) from erp_file where flow = ? and name = ? and id < ?")
                .bind(0, file.flow()).bind(1, file.name()).bind(2, file.id()).mapTo(Long.class).findOne());
    }

    /** True when a later file of the same name was staged: that one owns the name in outbox/. */
    public boolean supersededByName(ErpFile file) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from erp_file where flow = ? and name = ? and id > ?")
                .bind(0, file.flow()).bind(1, file.name()).bind(2, file.id()).mapTo(Integer.class).one()) > 0;
    }
}
