package io.tapbridge.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbridge.http.Backoff;
import io.tapbridge.http.HttpApi;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.TapBatch;
import io.tapbridge.ledger.TapBatches;
import io.tapbridge.ledger.TapCall;
import io.tapbridge.tap.TapAnswer;
import io.tapbridge.tap.TapProcedure;
import io.tapbridge.tap.TapStoreClient;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places one claimed batch in TAP, or finds out what became of it.
 *
 * <p>TAP_CREATE_ORDER_API is not idempotent: a second call is a second purchase. So the intent is committed
 * before the call and the uniqueId after it. Only a documented refusal (a 400 with TAP's error body, a 401 or 429
 * at the gateway, or no connection at all) means "nothing was created"; every other outcome (a timeout, a 5xx, a
 * crash in between, an answer the text does not describe, TAP's "order creation is in progress") is reconciled
 * with TAP_GET_ORDER_API ({@link OrderReconciliation}), and the batch is sent again only when TAP answers
 * explicitly that it has no such order. A 400 that names some lines rejects those and sends the others again as a
 * new batch of the PO ({@link LineRefusals}).
 */
public final class TapOrderSender {

    private static final Logger LOG = LoggerFactory.getLogger(TapOrderSender.class);
    private static final String CREATE = TapProcedure.TAP_CREATE_ORDER_API.name();

    private final TapStoreClient client;
    private final TapBatches batches;
    private final OrderReconciliation reconciliation;
    private final Backoff backoff;
    private final Duration firstPoll;
    private final Duration settleTime;
    private final Clock clock;

    /**
     * @param firstPoll  how long after creation TAP is first asked for the order's status
     * @param settleTime how long after a create call TAP's "no such order" is believed: by then the call has ended
     *                   on both sides (longer than the read timeout), so a late order cannot appear after it
     */
    public TapOrderSender(TapStoreClient client, TapBatches batches, OrderReconciliation reconciliation, Backoff backoff,
            Duration firstPoll, Duration settleTime, Clock clock) {
        this.client = client;
        this.batches = batches;
        this.reconciliation = reconciliation;
        this.backoff = backoff;
        this.firstPoll = firstPoll;
        this.settleTime = settleTime;
        this.clock = clock;
    }

    /** Creates a READY batch the caller claimed in TAP (routes/orders.yaml chooses between this and reconcile). */
    public void create(@Body TapBatch batch) throws InterruptedException {
        String payload = batches.payload(batch.id());
        int attempt = batch.attempts() + 1;
        TapAnswer answer;
        Instant started = clock.instant();
        try {
            // the intent is committed once this call holds its permit, right before the request leaves
            answer = client.send(TapProcedure.TAP_CREATE_ORDER_API, payload, () -> batches.recordIntent(batch));
        } catch (HttpApi.NotSent e) {
            LOG.warn("Batch {} ({} #{}): this instance's claim lapsed before the create call; not sent (the new owner decides)",
                    batch.id(), batch.poNumber(), batch.seq());
            return;
        } catch (TransportException e) {
            if (e.requestSent()) {
                uncertain(batch, new TapCall(CREATE, started, null, "UNKNOWN", null, e.getMessage()), attempt, null,
                        "no answer from TAP (" + e.getMessage() + ")");
            } else {
                retry(batch, new TapCall(CREATE, started, null, "NOT_SENT", null, e.getMessage()), attempt, null,
                        "not sent: " + e.getMessage());
            }
            return;
        }
        int status = answer.httpStatus();
        if (status == 200 && answer.ok() && answer.uniqueId() != null) {
            boolean recorded = batches.submitted(batch, List.of(call(started, answer, "CREATED")), answer.uniqueId(), null, null,
                    clock.instant().plus(firstPoll));
            LOG.info("Batch {} ({} #{}, {} lines) created in TAP: uniqueId {}{}", batch.id(), batch.poNumber(), batch.seq(),
                    batch.lineCount(), answer.uniqueId(), recorded ? "" : " (recorded although the claim had lapsed)");
        } else if (answer.creationInProgress()) {
            uncertain(batch, call(started, answer, "IN_PROGRESS"), attempt, null,
                    "TAP is still creating an order for these serial numbers");
        } else if (status == 400 && answer.tapErrorBody()) {
            refused(batch, answer, started, payload);
        } else if ((status == 429 || status == 401) && !answer.tapErrorBody()) {
            // refused at the gateway (throttled, or credentials refused after a fresh token): nothing reached the store
            retry(batch, call(started, answer, "NOT_SENT"), attempt, answer.retryAfter(), "TAP refused the call (" + answer.describe() + ")");
        } else {
            // a 5xx, a 2xx other than 200, a 200 without uniqueId or not JSON, a 409, a 403, ...: the text does not
            // say what happened, so the store may have created the order
            uncertain(batch, call(started, answer, "UNKNOWN"), attempt, answer.retryAfter(),
                    "TAP answered " + answer.describe() + (status == 200 ? " without a uniqueId" : "") + ", which does not say"
                            + " whether the order was created");
        }
    }

    /** A documented refusal: nothing was created. Lines TAP named are rejected; the others go again as a new batch. */
    private void refused(TapBatch batch, TapAnswer answer, Instant started, String payload) {
        String reasons = String.join("; ", answer.errorMessages());
        List<JsonNode> lines = CreatePayload.lines(payload);
        LineRefusals.Verdict verdict = LineRefusals.read(lines, answer.errorMessages());
        if (verdict.namesLinesOnly() && !verdict.remainingLines().isEmpty()) {
            String newPayload = CreatePayload.without(payload, verdict.refusedLines().keySet());
            String firstSerial = lines.get(verdict.remainingLines().get(0)).path("serialNumber").asText();
            int seq = batches.rebatch(batch, call(started, answer, "REFUSED_LINES"), verdict.refusedLines(), newPayload,
                    verdict.remainingLines().size(), firstSerial, reasons);
            if (seq > 0) {
                LOG.warn("Batch {} ({} #{}): TAP refused {} of its {} lines ({}); the other {} go again as {} #{}", batch.id(),
                        batch.poNumber(), batch.seq(), verdict.refusedLines().size(), batch.lineCount(), reasons,
                        verdict.remainingLines().size(), batch.poNumber(), seq);
            }
            return;
        }
        batches.rejected(batch, call(started, answer, "REJECTED"), "TAP refused the order: " + reasons
                + (batch.uncertainCreates() > 0 ? " (an earlier attempt's outcome was unknown and TAP had no order for it then;"
                + " its lines stay blocked for this PO until an operator clears them)" : ""));
        LOG.warn("Batch {} ({} #{}) refused by TAP: {}", batch.id(), batch.poNumber(), batch.seq(), answer.describe());
    }

    /** The ledger's record of a call that was answered; the answer's reasons unless it succeeded. */
    private static TapCall call(Instant started, TapAnswer answer, String outcome) {
        return new TapCall(CREATE, started, answer.httpStatus(), outcome, answer.uniqueId(), answer.ok() ? null : answer.describe());
    }

    /**
     * Finds out what became of a batch whose earlier create may have reached TAP (SENDING or RECONCILE): recorded as
     * created when TAP shows its order, sent again only when TAP certainly has none.
     */
    public void reconcile(@Body TapBatch batch) throws InterruptedException {
        OrderReconciliation.Finding finding = reconciliation.find(batch);
        List<TapCall> calls = finding.calls();
        switch (finding.verdict()) {
            case FOUND -> {
                String status = TapOrderPoller.ORDER_STATUSES.contains(finding.orderStatus()) ? finding.orderStatus() : null;
                batches.submitted(batch, calls, finding.uniqueId(), finding.orderNumber(), status, clock.instant());
                LOG.info("Batch {} ({} #{}) found in TAP after an uncertain create: uniqueId {}, not sent again", batch.id(),
                        batch.poNumber(), batch.seq(), finding.uniqueId());
            }
            case NOT_CREATED -> {
                Instant settled = (batch.intentAt() == null ? clock.instant() : batch.intentAt()).plus(settleTime);
                if (clock.instant().isBefore(settled)) {
                    // a create that is still on its way could yet appear: ask again once it has certainly ended
                    batches.update(batch, calls, TapBatch.RECONCILE, settled, "TAP has no order for these serial numbers yet;"
                            + " asking again at " + settled + " before sending again");
                } else {
                    batches.update(batch, calls, TapBatch.READY, clock.instant(), "TAP has no order for these serial numbers; sending again");
                    LOG.info("Batch {} ({} #{}) not in TAP after an uncertain create: sending again", batch.id(), batch.poNumber(), batch.seq());
                }
            }
            case UNANSWERED -> {
                Duration wait = backoff.delay(Math.max(batch.attempts(), 1), null);
                batches.update(batch, calls, TapBatch.RECONCILE, clock.instant().plus(wait), "checking with TAP failed ("
                        + finding.detail() + "); next attempt in " + wait.toSeconds() + " s");
            }
            case UNDECIDABLE -> {
                batches.attention(batch, calls, "ATTENTION: the outcome of a create is unknown and TAP's answers do not tell"
                        + " whether this batch was created; not sent again. Check the TAP Store for PO " + batch.poNumber()
                        + ". TAP showed: " + finding.detail());
                LOG.error("Batch {} ({} #{}) needs an operator: {}", batch.id(), batch.poNumber(), batch.seq(), finding.detail());
            }
            default -> throw new IllegalStateException(finding.verdict().name());
        }
    }

    /** The create's outcome is unknown: TAP is asked before anything is sent again. */
    private void uncertain(TapBatch batch, TapCall call, int attempt, Duration retryAfter, String message) {
        Duration wait = backoff.delay(Math.max(attempt, 1), retryAfter);
        batches.uncertain(batch, call, clock.instant().plus(wait), message + "; checking with TAP in " + wait.toSeconds()
                + " s before any new attempt");
        LOG.warn("Batch {} ({} #{}): {}; checking with TAP in {} ms", batch.id(), batch.poNumber(), batch.seq(), message, wait.toMillis());
    }

    /** Nothing reached the store: sent again after a backoff. */
    private void retry(TapBatch batch, TapCall call, int attempt, Duration retryAfter, String message) {
        Duration wait = backoff.delay(Math.max(attempt, 1), retryAfter);
        batches.update(batch, call, TapBatch.READY, clock.instant().plus(wait), message + "; next attempt in " + wait.toSeconds() + " s");
        LOG.warn("Batch {} ({} #{}): {}; next attempt in {} ms", batch.id(), batch.poNumber(), batch.seq(), message, wait.toMillis());
    }
}
