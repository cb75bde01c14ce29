package io.tapbridge.machines;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.MachineRow;
import io.tapbridge.ledger.MachineRows;
import io.tapbridge.ledger.MachineStep;
import io.tapbridge.ledger.MachineSteps;
import io.tapbridge.model.MachineColumn;
import io.tapbridge.outbox.Outbox;
import io.tapbridge.outbox.ResultFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code outbox/<input>.status.csv} of a machines file: one row per input row, rewritten atomically as rows
 * progress, with the step each row reached and, per application of the file, whether the machine is licensed and
 * assigned.
 */
public final class MachineResultFiles implements ResultFiles.Writer {

    public static final List<String> COLUMNS = List.of("serialNumber", "action", "tmid", "customerSubscriptionId", "step",
            "status", "message", "row");

    private static final Logger LOG = LoggerFactory.getLogger(MachineResultFiles.class);

    private final ErpFiles files;
    private final MachineRows rows;
    private final MachineSteps steps;
    private final Outbox outbox;

    public MachineResultFiles(ErpFiles files, MachineRows rows, MachineSteps steps, Outbox outbox) {
        this.files = files;
        this.rows = rows;
        this.steps = steps;
        this.outbox = outbox;
    }

    @Override
    public boolean finished(ErpFile file) {
        return rows.open(file.id()) == 0;
    }

    @Override
    public void write(ErpFile file) {
        List<MachineRow> all = rows.ofFile(file.id());
        Map<Long, Set<String>> done = steps.applicationSteps(file.id());
        Set<String> applications = new LinkedHashSet<>();
        for (MachineRow row : all) {
            for (String id : row.value(MachineColumn.APPLICATION_IDS).split("\\|")) {
                if (!id.isBlank()) {
                    applications.add(id.strip().toLowerCase(Locale.ROOT));
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
        String name = outbox.baseName(files, file, ".status.csv") + ".status.csv";
        outbox.writeCsv(name, header, print -> {
            for (MachineRow row : all) {
                List<String> record = new ArrayList<>(List.of(row.serialNumber() == null ? "" : row.serialNumber(),
                        row.action().toLowerCase(Locale.ROOT), nz(row.tmid()), nz(row.customerSubscriptionId()),
                        nz(row.step()), status(row.state()), nz(row.message()), Integer.toString(row.rowNumber())));
                Set<String> finished = done.getOrDefault(row.id(), Set.of());
                for (String app : applications) {
                    record.add(finished.contains(MachineStep.key("LICENSE", app)) ? "Y" : "");
                    record.add(finished.contains(MachineStep.key("UNASSIGN", app)) ? "N"
                            : finished.contains(MachineStep.key("ASSIGN", app)) ? "Y" : "");
                }
                print.accept(record);
            }
        });
        LOG.debug("Wrote {}", name);
    }

    /** What the ERP reads: PENDING rows are IN_PROGRESS. */
    private static String status(String state) {
        return MachineRow.PENDING.equals(state) ? "IN_PROGRESS" : state;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
