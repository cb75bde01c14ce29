package io.tapbridge.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.TapBatch;
import io.tapbridge.ledger.TapBatches;
import io.tapbridge.ledger.TapCall;
import io.tapbridge.tap.TapAnswer;
import io.tapbridge.tap.TapEnvelope;
import io.tapbridge.tap.TapProcedure;
import io.tapbridge.tap.TapStoreClient;

/**
 * Finds out with TAP_GET_ORDER_API whether a batch whose create had an unknown outcome was created.
 *
 * <p>The text leaves open how TAP combines {@code serialNumber} and {@code poNumber}, says that a serial number
 * gives "the information specific to the serial number" (only that serial's lines), and not which order it returns
 * when several match. So the batch is looked up by its first serial and PO, then by the PO alone, then by each
 * other serial and PO, until one answer decides:
 * <ul>
 * <li>an order of this PO whose lines are all lines of this batch, and which no other batch owns: found, adopted;
 * <li>TAP's explicit "No records found": whichever way TAP combines the parameters, no order holds this batch's
 *     lines for this PO: not created;
 * <li>only other orders (another PO, other lines, one another batch owns): TAP cannot tell this batch apart, so it
 *     is parked for an operator and never sent again by itself;
 * <li>no answer or an answer the text does not describe: asked again later.
 * </ul>
 */
public final class OrderReconciliation {

    public enum Verdict { FOUND, NOT_CREATED, UNANSWERED, UNDECIDABLE }

    /** What TAP's answers showed, and every look-up made (for the ledger). */
    public record Finding(Verdict verdict, String uniqueId, String orderNumber, String orderStatus, String detail, List<TapCall> calls) {
    }

    private static final String GET_ORDER = TapProcedure.TAP_GET_ORDER_API.name();
    private static final int DETAIL_LENGTH = 1500;

    private final TapStoreClient client;
    private final TapBatches batches;
    private final Clock clock;

    public OrderReconciliation(TapStoreClient client, TapBatches batches, Clock clock) {
        this.client = client;
        this.batches = batches;
        this.clock = clock;
    }

    public Finding find(TapBatch batch) throws InterruptedException {
        List<JsonNode> lines = CreatePayload.lines(batches.payload(batch.id()));
        List<TapCall> calls = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ObjectNode request : lookups(batch, lines)) {
            Instant started = clock.instant();
            TapAnswer answer;
            try {
                answer = client.call(TapProcedure.TAP_GET_ORDER_API, request);
            } catch (TransportException e) {
                calls.add(new TapCall(GET_ORDER, started, null, "UNKNOWN", null, e.getMessage()));
                failures.add(e.getMessage());
                continue;
            }
            if (answer.noRecordsFound()) {
                calls.add(new TapCall(GET_ORDER, started, answer.httpStatus(), "NOT_FOUND", answer.uniqueId(), describe(request)));
                return new Finding(Verdict.NOT_CREATED, null, null, null, "No records found for " + describe(request), calls);
            }
            String uniqueId = answer.ok() ? answer.orderUniqueId() : null;
            JsonNode header = answer.body() == null ? null : answer.body().path("orderHdr");
            if (uniqueId == null || header == null || !header.isObject()) {
                calls.add(new TapCall(GET_ORDER, started, answer.httpStatus(), "UNKNOWN", answer.uniqueId(), answer.describe()));
                failures.add(answer.describe());
                continue;
            }
            String shown = order(answer.body());
            if (isOurs(batch, lines, answer.body(), uniqueId)) {
                calls.add(new TapCall(GET_ORDER, started, answer.httpStatus(), "FOUND", uniqueId, shown));
                return new Finding(Verdict.FOUND, uniqueId, blankToNull(header.path("orderNumber").asText(null)),
                        blankToNull(header.path("orderStatus").asText(null)), shown, calls);
            }
            calls.add(new TapCall(GET_ORDER, started, answer.httpStatus(), "OTHER_ORDER", uniqueId, describe(request) + " -> " + shown));
            others.add(describe(request) + " -> " + shown);
        }
        if (!failures.isEmpty()) {
            return new Finding(Verdict.UNANSWERED, null, null, null, clip(String.join("; ", failures)), calls);
        }
        return new Finding(Verdict.UNDECIDABLE, null, null, null, clip(String.join("; ", others)), calls);
    }

    /** First serial and PO (one call decides the usual case), then the PO alone, then every other serial and PO. */
    private List<ObjectNode> lookups(TapBatch batch, List<JsonNode> lines) {
        Set<String> serials = new LinkedHashSet<>();
        lines.forEach(l -> serials.add(l.path("serialNumber").asText()));
        List<ObjectNode> lookups = new ArrayList<>();
        boolean first = true;
        for (String serial : serials) {
            ObjectNode bySerial = TapEnvelope.request();
            bySerial.put("serialNumber", serial);
            bySerial.put("poNumber", batch.poNumber());
            lookups.add(bySerial);
            if (first) {
                ObjectNode byPo = TapEnvelope.request();
                byPo.put("poNumber", batch.poNumber());
                lookups.add(byPo);
                first = false;
            }
        }
        return lookups;
    }

    /**
     * TAP's order is this batch's when it is for the same PO, every line it shows is a line of the batch (serial
     * without regard to case, and part), and no other batch owns it.
     */
    private boolean isOurs(TapBatch batch, List<JsonNode> lines, JsonNode order, String uniqueId) {
        if (!batch.poNumber().equals(order.path("orderHdr").path("poNumber").asText().strip())) {
            return false;
        }
        JsonNode shown = order.path("orderLine");
        if (!shown.isArray() || shown.isEmpty()) {
            return false;
        }
        for (JsonNode line : shown) {
            String serial = line.path("serialNumber").asText();
            String part = line.path("partNumber").asText("");
            boolean ours = lines.stream().anyMatch(l -> l.path("serialNumber").asText().equalsIgnoreCase(serial)
                    && (part.isEmpty() || part.equals(l.path("partNumber").asText())));
            if (!ours) {
                return false;
            }
        }
        return !batches.uniqueIdTaken(uniqueId, batch.id());
    }

    /** "uniqueID 123 (PO X, ORDER_ON_HOLD): SN-1/132001-10, SN-2/132001-10". */
    private static String order(JsonNode order) {
        JsonNode header = order.path("orderHdr");
        List<String> lines = new ArrayList<>();
        order.path("orderLine").forEach(l -> lines.add(l.path("serialNumber").asText() + "/" + l.path("partNumber").asText()));
        return "uniqueID " + order.path("uniqueID").asText() + " (PO " + header.path("poNumber").asText() + ", "
                + header.path("orderStatus").asText() + "): " + String.join(", ", lines);
    }

    private static String describe(ObjectNode request) {
        List<String> parts = new ArrayList<>();
        request.fields().forEachRemaining(f -> parts.add(f.getKey() + " " + f.getValue().asText()));
        return "look-up by " + String.join(" and ", parts);
    }

    private static String clip(String text) {
        return text.length() <= DETAIL_LENGTH ? text : text.substring(0, DETAIL_LENGTH) + "...";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
