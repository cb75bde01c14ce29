package io.tapbridge.tapio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.erp.MachineColumn;
import io.tapbridge.ledger.MachineRow;

/** Fields of a tapio request taken from a machines row: an optional the ERP left blank is left out, never sent as "" or null. */
final class RequestFields {

    private RequestFields() {
    }

    static void putIfGiven(ObjectNode node, MachineRow row, MachineColumn column, String field) {
        if (row.has(column)) {
            node.put(field, row.value(column));
        }
    }
}
