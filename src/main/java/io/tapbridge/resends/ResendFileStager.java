package io.tapbridge.resends;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.intake.ErpCsvReader;
import io.tapbridge.intake.ErpFileRejected;
import io.tapbridge.intake.ErpFileStaging;
import io.tapbridge.intake.RowParser;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.ResendRows;
import io.tapbridge.model.ResendColumn;
import io.tapbridge.model.SourceRow;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.jdbi.v3.core.Handle;

/**
 * Intake of a resend file ({@code inbox/resend/}): every row is checked and staged in one transaction with the exact
 * TAP_RESEND_ACTIVATION_API request it becomes (only the documented fields, blank ones left out), or REJECTED with
 * its reason, before the file leaves the inbox.
 */
public final class ResendFileStager {

    public static final String FLOW = "RESENDS";
    private static final RowParser<ResendColumn> CSV = new ErpCsvReader<>(ResendColumn.class, ResendColumn::byHeaderName,
            ResendColumn::fieldName, ResendColumn.allowedNames(), EnumSet.of(ResendColumn.SERIAL_NUMBER));

    private final ErpFileStaging staging;
    private final ResendRows rows;
    private final ErpFiles files;
    private final ObjectMapper json = new ObjectMapper();

    public ResendFileStager(ErpFileStaging staging, ResendRows rows, ErpFiles files) {
        this.staging = staging;
        this.rows = rows;
        this.files = files;
    }

    /**
     * Stages the file; every row has its verdict then, so its results are due at once (the file is PLANNED).
     *
     * @throws ErpFileRejected when the file cannot be read as a resend CSV (nothing is staged then)
     */
    public ErpFileStaging.Staged stage(@Body InputStream in, @Header("CamelFileName") String name) {
        ErpFileStaging.Staged staged = staging.stage(FLOW, in, name, CSV, (h, fileId) -> row -> insert(h, fileId, row));
        if (!staged.duplicate()) {
            files.markPlanned(staged.fileId());
        }
        return staged;
    }

    private void insert(Handle h, long fileId, SourceRow<ResendColumn> row) {
        String serial = row.value(ResendColumn.SERIAL_NUMBER);
        String rejection = row.structureError() != null ? row.structureError() : rejection(row.values());
        ObjectNode request = json.createObjectNode();
        row.values().forEach((column, value) -> {
            if (!value.isBlank()) {
                request.put(column.fieldName(), value.strip());
            }
        });
        rows.insert(h, fileId, row.rowNumber(), row.sourceLine(), serial, rejection == null ? request.toString() : null, rejection);
    }

    /** Why TAP must not get this row, or null. */
    static String rejection(Map<ResendColumn, String> values) {
        if (values.getOrDefault(ResendColumn.SERIAL_NUMBER, "").isBlank()) {
            return "serialNumber: required";
        }
        String date = values.getOrDefault(ResendColumn.ACTIVATION_DATE, "").strip();
        if (!date.isEmpty()) {
            try {
                if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw new DateTimeParseException("not YYYY-MM-DD", date, 0);
                }
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                return "activationDate: '" + date + "' is not a date YYYY-MM-DD";
            }
        }
        return null;
    }
}
