package io.tapbridge.model;

import java.util.Map;

/**
 * One row of a flow's columns as a file format's parser yields it (an order line of a CSV file today, of an EDI
 * purchase order next), with where it stands in its source. Staging, the ledger and the result files treat every
 * format alike.
 *
 * @param rowNumber      the row's number in its file, 1 = the first data row
 * @param sourceLine     where the row starts in its source: the physical line of a CSV file (quoted line breaks make
 *                       it differ from the row number), the segment number in an EDI interchange
 * @param values         trimmed values by column, blanks included; columns absent from the file are absent here
 * @param structureError why the row cannot be used at all (a CSV record with the wrong number of fields), or null
 */
public record SourceRow<C extends Enum<C>>(int rowNumber, long sourceLine, Map<C, String> values, String structureError) {

    /** The value, or "" when blank or when the file has no such column. */
    public String value(C column) {
        String value = values.get(column);
        return value == null ? "" : value;
    }
}
