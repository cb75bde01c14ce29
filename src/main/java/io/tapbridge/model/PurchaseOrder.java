package io.tapbridge.model;

import java.util.List;

/** The staged lines of one {@code customerPONumber} of one file, wherever they stood in the file. */
public record PurchaseOrder(long fileId, String poNumber, List<OrderLine> lines) {

    /** A header-level error rejects every line of the PO. */
    public void rejectAll(String reason) {
        lines.forEach(line -> line.reject(reason));
    }

    public List<OrderLine> acceptedLines() {
        return lines.stream().filter(OrderLine::accepted).toList();
    }

    /** The PO's header-level value, taken from its first line (validation has made sure they agree). */
    public String header(OrderColumn column) {
        return lines.isEmpty() ? "" : lines.get(0).value(column);
    }

    /** Where the PO is, for messages: "PO 4711 (rows 3, 7, 12)". */
    public String describe() {
        return "PO " + (poNumber.isEmpty() ? "(blank)" : poNumber);
    }
}
