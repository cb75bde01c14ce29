package io.tapbridge.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.ledger.LedgerDatabase;
import io.tapbridge.ledger.OrderLines;
import io.tapbridge.ledger.PlanningClaims;
import io.tapbridge.ledger.TapBatches;
import io.tapbridge.model.OrderColumn;
import io.tapbridge.model.OrderLine;
import io.tapbridge.model.PurchaseOrder;
import io.tapbridge.model.Shown;
import io.tapbridge.tap.TapEnvelope;
import io.tapbridge.tap.TapProcedure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a PO's valid lines into TAP orders of at most {@code batchSize} lines (TAP_CREATE_ORDER_API's limit is
 * 20) and records batches and verdicts in one transaction. Each batch's payload is built once, here: the ERP's
 * PO and every value it gave, only fields the API documents, blank optionals left out (never sent as null).
 */
public final class BatchPlanner {

    /** TAP_CREATE_ORDER_API: "the maximum number of order lines that can be processed from the API is 20 lines". */
    public static final int TAP_LINE_LIMIT = 20;
    private static final Logger LOG = LoggerFactory.getLogger(BatchPlanner.class);

    private final LedgerDatabase ledger;
    private final OrderLines lines;
    private final TapBatches batches;
    private final PlanningClaims planning;
    private final int batchSize;

    public BatchPlanner(LedgerDatabase ledger, OrderLines lines, TapBatches batches, PlanningClaims planning,
            int batchSize) {
        if (batchSize < 1 || batchSize > TAP_LINE_LIMIT) {
            throw new IllegalArgumentException("tap.batch-size must be between 1 and " + TAP_LINE_LIMIT + " (TAP's limit), not " + batchSize);
        }
        this.ledger = ledger;
        this.lines = lines;
        this.batches = batches;
        this.planning = planning;
        this.batchSize = batchSize;
    }

    /** Planning a PO again after another planner's lines got into the guard first; more would mean a livelock. */
    private static final int GUARD_ATTEMPTS = 5;

    public PurchaseOrder split(PurchaseOrder po) {
        for (int attempt = 1; ; attempt++) {
            try {
                plan(po);
                return po;
            } catch (OrderLines.GuardTaken e) {
                if (attempt == GUARD_ATTEMPTS) {
                    throw e;
                }
                // another file of this PO was planned at the same moment (on another instance): plan again, seeing it
                LOG.info("{} of file #{}: {}; planning it again", po.describe(), po.fileId(), e.getMessage());
            }
        }
    }

    private void plan(PurchaseOrder po) {
        Map<String, String> orderedElsewhere = lines.orderedElsewhere(po.fileId(), po.poNumber());
        Map<String, Integer> inThisPo = new java.util.HashMap<>();
        for (OrderLine line : po.acceptedLines()) {
            String key = OrderLines.guardKey(line.value(OrderColumn.SERIAL_NUMBER), line.value(OrderColumn.PART_NUMBER));
            String where = orderedElsewhere.get(key);
            Integer sameRow = inThisPo.putIfAbsent(key, line.rowNumber());
            if (where != null) {
                line.reject("serialNumber: " + Shown.quoted(line.value(OrderColumn.SERIAL_NUMBER)) + " with part "
                        + line.value(OrderColumn.PART_NUMBER) + " of " + po.describe() + " was already ordered (" + where
                        + "); not ordered twice");
            } else if (sameRow != null) {
                // two parts that map to one renewal part: the second would be a second purchase of the first
                line.reject("partNumber: " + Shown.quoted(line.value(OrderColumn.PART_NUMBER)) + " for serialNumber "
                        + Shown.quoted(line.value(OrderColumn.SERIAL_NUMBER)) + " is already ordered on row " + sameRow + " of " + po.describe());
            }
        }
        List<OrderLine> accepted = po.acceptedLines();
        List<List<OrderLine>> chunks = new ArrayList<>();
        for (int from = 0; from < accepted.size(); from += batchSize) {
            chunks.add(accepted.subList(from, Math.min(from + batchSize, accepted.size())));
        }
        try {
            ledger.useTransaction(h -> {
                List<OrderLines.Verdict> verdicts = new ArrayList<>();
                for (OrderLine line : po.lines()) {
                    if (!line.accepted()) {
                        verdicts.add(new OrderLines.Verdict(line.id(), null, null, line.message()));
                    }
                }
                int seq = 0;
                List<OrderLines.GuardedLine> guarded = new ArrayList<>();
                for (List<OrderLine> chunk : chunks) {
                    long batchId = batches.insert(h, po.fileId(), po.poNumber(), ++seq, chunk.size(),
                            chunk.get(0).value(OrderColumn.SERIAL_NUMBER), payload(chunk));
                    for (OrderLine line : chunk) {
                        verdicts.add(new OrderLines.Verdict(line.id(), batchId, line.value(OrderColumn.PART_NUMBER), line.message()));
                        guarded.add(new OrderLines.GuardedLine(line.id(), line.value(OrderColumn.SERIAL_NUMBER),
                                line.value(OrderColumn.PART_NUMBER)));
                    }
                }
                if (!lines.recordVerdicts(h, verdicts)) {
                    throw new PlannedElsewhere();
                }
                lines.guard(h, po.poNumber(), guarded);
                planning.hold(h, po.fileId());
            });
            logRejections(po);
        } catch (PlannedElsewhere e) {
            // another planner (a second instance, or a resumed run) recorded this PO first; ours is rolled back
            LOG.info("{} of file #{} was planned concurrently elsewhere; keeping that plan", po.describe(), po.fileId());
        }
    }

    /** Rejected lines in the log too (the ack has every reason): how many, and the first few, so an operator sees them. */
    private static void logRejections(PurchaseOrder po) {
        List<OrderLine> rejected = po.lines().stream().filter(line -> !line.accepted()).toList();
        if (rejected.isEmpty()) {
            return;
        }
        String shown = rejected.stream().limit(3).map(line -> "row " + line.rowNumber() + ": " + Shown.clipped(line.message()))
                .collect(java.util.stream.Collectors.joining("; "));
        LOG.warn("{} of file #{}: {} of {} lines rejected ({}{})", po.describe(), po.fileId(), rejected.size(), po.lines().size(), shown,
                rejected.size() > 3 ? "; and " + (rejected.size() - 3) + " more in the ack" : "");
    }

    private static final class PlannedElsewhere extends RuntimeException {
        PlannedElsewhere() {
            super(null, null, false, false);
        }
    }

    private String payload(List<OrderLine> chunk) {
        ObjectNode request = TapEnvelope.request();
        OrderLine first = chunk.get(0);
        for (OrderColumn column : OrderColumn.values()) {
            if (column.level() == OrderColumn.Level.HEADER && first.has(column)) {
                request.put(column.fieldName(), first.value(column));
            }
        }
        ArrayNode lineArray = request.putArray("lines");
        for (OrderLine line : chunk) {
            ObjectNode node = lineArray.addObject();
            for (OrderColumn column : OrderColumn.values()) {
                if (column.level() == OrderColumn.Level.LINE && line.has(column)) {
                    node.put(column.fieldName(), line.value(column));
                }
            }
        }
        return TapEnvelope.of(TapProcedure.TAP_CREATE_ORDER_API, request).toString();
    }
}
