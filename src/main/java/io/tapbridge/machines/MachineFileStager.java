package io.tapbridge.machines;

import java.io.InputStream;
import java.util.EnumSet;

import io.tapbridge.intake.ErpCsvReader;
import io.tapbridge.intake.ErpFileRejected;
import io.tapbridge.intake.ErpFileStaging;
import io.tapbridge.intake.RowParser;
import io.tapbridge.ledger.MachineRows;
import io.tapbridge.model.MachineColumn;
import io.tapbridge.model.SourceRow;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Intake of a machines file ({@code inbox/machines/}): every row is checked against tapio's rules and staged in
 * the ledger in one transaction, PENDING or REJECTED with its reason, before the file leaves the inbox.
 */
public final class MachineFileStager {

    public static final String FLOW = "MACHINES";
    static final RowParser<MachineColumn> CSV = new ErpCsvReader<>(MachineColumn.class, MachineColumn::byHeaderName,
            MachineColumn::fieldName, MachineColumn.allowedNames(), EnumSet.of(MachineColumn.SERIAL_NUMBER));

    private final ErpFileStaging staging;
    private final MachineRows rows;
    private final MachineRowRules rules;

    public MachineFileStager(ErpFileStaging staging, MachineRows rows, MachineRowRules rules) {
        this.staging = staging;
        this.rows = rows;
        this.rules = rules;
    }

    /** @throws ErpFileRejected when the file cannot be read as a machines CSV (nothing is staged then) */
    public ErpFileStaging.Staged stage(@Body InputStream in, @Header("CamelFileName") String name) {
        return staging.stage(FLOW, in, name, CSV, (h, fileId) -> row -> insert(h, fileId, row));
    }

    private void insert(org.jdbi.v3.core.Handle h, long fileId, SourceRow<MachineColumn> row) {
        String rejection = row.structureError();
        MachineRowRules.Verdict verdict = rules.check(row.values());
        if (rejection == null) {
            rejection = verdict.rejection();
        }
        String warnings = String.join("; ", verdict.warnings());
        String action = MachineAction.of(row.value(MachineColumn.ACTION)).map(Enum::name).orElse(row.value(MachineColumn.ACTION));
        rows.insert(h, fileId, row.rowNumber(), row.sourceLine(), action, row.value(MachineColumn.SERIAL_NUMBER), row.values(),
                rejection, warnings.isEmpty() ? null : warnings);
    }
}
