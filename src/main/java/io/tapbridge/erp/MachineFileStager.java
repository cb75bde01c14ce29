package io.tapbridge.erp;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import io.tapbridge.ledger.MachineRows;
import io.tapbridge.tapio.MachineAction;
import io.tapbridge.tapio.MachineRowRules;
import org.apache.camel.Header;

/**
 * Intake of a machines file ({@code inbox/machines/}): every row is checked against tapio's rules and staged in
 * the ledger in one transaction, PENDING or REJECTED with its reason, before the file leaves the inbox.
 */
public final class MachineFileStager {

    public static final String FLOW = "MACHINES";
    private static final Set<MachineColumn> REQUIRED = EnumSet.of(MachineColumn.SERIAL_NUMBER);

    private final ErpFileStaging staging;
    private final MachineRows rows;
    private final MachineRowRules rules;
    private final ErpCsvReader<MachineColumn> reader = new ErpCsvReader<>(MachineColumn.class, MachineColumn::byHeaderName,
            MachineColumn::fieldName, MachineColumn.allowedNames());

    public MachineFileStager(ErpFileStaging staging, MachineRows rows, MachineRowRules rules) {
        this.staging = staging;
        this.rows = rows;
        this.rules = rules;
    }

    /** @throws ErpFileRejected when the file cannot be read as a machines CSV (nothing is staged then) */
    public ErpFileStaging.Staged stage(@Header("CamelFilePath") String path, @Header("CamelFileName") String name) {
        return staging.stage(FLOW, Path.of(path), name, (h, fileId, file) -> reader.read(file, REQUIRED, row -> {
            String rejection = row.structureError();
            MachineRowRules.Verdict verdict = rules.check(row.values());
            if (rejection == null) {
                rejection = verdict.rejection();
            }
            String warnings = String.join("; ", verdict.warnings());
            String action = MachineAction.of(row.value(MachineColumn.ACTION)).map(Enum::name).orElse(row.value(MachineColumn.ACTION));
            rows.insert(h, fileId, row.rowNumber(), row.sourceLine(), action, row.value(MachineColumn.SERIAL_NUMBER), row.values(),
                    rejection, warnings.isEmpty() ? null : warnings);
        }));
    }
}
