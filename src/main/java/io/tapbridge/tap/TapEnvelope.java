package io.tapbridge.tap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The TAP Store APIs' one request shape: {@code {"ProcName":…,"ProcRequester":"TAP","request":{…}}}. Built here,
 * not by the client, so that a batch's create payload is fixed (and recorded in the ledger) when it is planned.
 */
public final class TapEnvelope {

    private TapEnvelope() {
    }

    /** An empty {@code request} object to fill. */
    public static ObjectNode request() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The envelope of {@code procedure}; {@code request} left out when null. */
    public static ObjectNode of(TapProcedure procedure, ObjectNode request) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("ProcName", procedure.name());
        envelope.put("ProcRequester", "TAP");
        if (request != null) {
            envelope.set("request", request);
        }
        return envelope;
    }
}
