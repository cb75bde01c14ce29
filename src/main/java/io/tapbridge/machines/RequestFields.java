package io.tapbridge.machines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.ledger.MachineRow;
import io.tapbridge.model.MachineColumn;

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
