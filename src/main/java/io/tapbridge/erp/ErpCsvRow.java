package io.tapbridge.erp;

import java.util.Map;

/**
 * One data record of an ERP CSV file.
 *
 * @param rowNumber      record number, 1 = the first record after the header
 * @param sourceLine     physical line of the file where the record starts (quoted line breaks make them differ)
 * @param values         trimmed values by column, blanks included; columns absent from the file are absent here
 * @param structureError why the record cannot be used at all (wrong number of fields), or null
 */
public record ErpCsvRow<C extends Enum<C>>(int rowNumber, long sourceLine, Map<C, String> values, String structureError) {

    /** The value, or "" when blank or when the file has no such column. */
    public String value(C column) {
        String value = values.get(column);
        return value == null ? "" : value;
    }
}
