package io.tapbridge.erp;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.MachineRow;
import io.tapbridge.ledger.MachineRows;
import io.tapbridge.ledger.MachineStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code outbox/<input>.status.csv} of a machines file: one row per input row, rewritten atomically as rows
 * progress, with the step each row reached and, per application of the file, whether the machine is licensed and
 * assigned.
 */
public final class MachineResultFiles {

    public static final List<String> COLUMNS = List.of("serialNumber", "action", "tmid", "customerSubscriptionId", "step",
            "status", "message", "row");

    private static final Logger LOG = LoggerFactory.getLogger(MachineResultFiles.class);

    private final ErpFiles files;
    private final MachineRows rows;
    private final io.tapbridge.ledger.MachineSteps steps;
    private final Path outbox;
    private final Clock clock;
    private final ResultPacing pacing = new ResultPacing();

    private final java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions;

    public MachineResultFiles(ErpFiles files, MachineRows rows, io.tapbridge.ledger.MachineSteps steps, Path outbox,
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions, Clock clock) {
        this.permissions = permissions;
        this.files = files;
        this.rows = rows;
        this.steps = steps;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Rewrites the status file of every machines file whose rows changed since it was last written. */
    public void writeChanged() {
        for (ErpFile file : files.withUnwrittenResults(MachineFileStager.FLOW)) {
            Instant now = clock.instant();
            if (!pacing.due(file.id(), now)) {
                continue;
            }
            Instant upTo = pacing.upTo(now);
            // asked before writing: a row that became final during the write would be missing from it
            boolean finished = rows.open(file.id()) == 0;
            write(file);
            files.markWritten(file.id(), upTo);
            pacing.written(file.id(), now, clock.instant());
            if (finished) {
                files.markDone(file.id(), clock.instant());
                pacing.forget(file.id());
                LOG.info("Machines file {} (#{}) is done: every row is final", file.name(), file.id());
            }
        }
    }

    private void write(ErpFile file) {
        List<MachineRow> all = rows.ofFile(file.id());
        Map<Long, Set<String>> done = steps.applicationSteps(file.id());
        Set<String> applications = new LinkedHashSet<>();
        for (MachineRow row : all) {
            for (String id : row.value(MachineColumn.APPLICATION_IDS).split("\\|")) {
                if (!id.isBlank()) {
                    applications.add(id.strip().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        // and those steps touched beyond the file's own lists (an offboard unassigns every application)
        done.values().forEach(keys -> keys.forEach(key -> applications.add(key.substring(key.indexOf('/') + 1))));
        List<String> header = new ArrayList<>(COLUMNS);
        for (String app : applications) {
            header.add("licensed " + app);
            header.add("assigned " + app);
        }
        // a later file of the same name owns <name>.status.csv; this one's results get its id too
        Path target = outbox.resolve(OutboxFile.baseName(files, outbox, file, ".status.csv") + ".status.csv");
        OutboxFile.writeCsv(target, permissions, header, printer -> {
            for (MachineRow row : all) {
                List<String> record = new ArrayList<>(List.of(row.serialNumber() == null ? "" : row.serialNumber(),
                        row.action().toLowerCase(java.util.Locale.ROOT), nz(row.tmid()), nz(row.customerSubscriptionId()),
                        nz(row.step()), status(row.state()), nz(row.message()), Integer.toString(row.rowNumber())));
                Set<String> finished = done.getOrDefault(row.id(), Set.of());
                for (String app : applications) {
                    record.add(finished.contains(MachineStep.key("LICENSE", app)) ? "Y" : "");
                    record.add(finished.contains(MachineStep.key("UNASSIGN", app)) ? "N"
                            : finished.contains(MachineStep.key("ASSIGN", app)) ? "Y" : "");
                }
                OutboxFile.print(printer, record);
            }
        });
        LOG.debug("Wrote {}", target.getFileName());
    }

    /** What the ERP reads: PENDING rows are IN_PROGRESS. */
    private static String status(String state) {
        return MachineRow.PENDING.equals(state) ? "IN_PROGRESS" : state;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
