package io.tapbridge.tap;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.Backoff;
import io.tapbridge.ledger.TapBatch;
import io.tapbridge.ledger.TapBatches;
import io.tapbridge.ledger.TapCall;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places one claimed batch in TAP, or finds out what became of it.
 *
 * <p>TAP_CREATE_ORDER_API is not idempotent: a second call is a second purchase. So the intent is committed
 * before the call and the uniqueId after it; whenever the outcome is unknown (a timeout, a 5xx, a crash in
 * between, TAP's "order creation is in progress") the batch is reconciled with TAP_GET_ORDER_API by serial number
 * and PO, and sent again only when TAP answers that it has no such order.
 */
public final class TapOrderSender {

    private static final Logger LOG = LoggerFactory.getLogger(TapOrderSender.class);
    private static final String CREATE = TapProcedure.TAP_CREATE_ORDER_API.name();
    private static final String GET_ORDER = TapProcedure.TAP_GET_ORDER_API.name();

    private final TapStoreClient client;
    private final TapBatches batches;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final Duration firstPoll;
    private final Clock clock;

    /** @param firstPoll how long after creation TAP is first asked for the order's status */
    public TapOrderSender(TapStoreClient client, TapBatches batches, ObjectMapper json, Backoff backoff, Duration firstPoll,
            Clock clock) {
        this.client = client;
        this.batches = batches;
        this.json = json;
        this.backoff = backoff;
        this.firstPoll = firstPoll;
        this.clock = clock;
    }

    /** Takes a batch the caller claimed: creates it in TAP, or finds out what became of an earlier attempt. */
    public void send(@Body TapBatch batch) throws InterruptedException {
        if (batch.uncertain()) {
            reconcile(batch);
        } else if (TapBatch.READY.equals(batch.state())) {
            create(batch);
        }
    }

    private void create(TapBatch batch) throws InterruptedException {
        String payload = batches.payload(batch.id());
        batches.recordIntent(batch.id());
        Instant started = clock.instant();
        int attempt = batch.attempts() + 1;
        TapAnswer answer;
        try {
            answer = client.send(TapProcedure.TAP_CREATE_ORDER_API, payload);
        } catch (TapTransportException e) {
            if (e.requestSent()) {
                retry(batch, new TapCall(CREATE, started, null, "UNKNOWN", null, e.getMessage()), TapBatch.RECONCILE, attempt, null,
                        "no answer from TAP (" + e.getMessage() + "); checking with TAP before any new attempt");
            } else {
                retry(batch, new TapCall(CREATE, started, null, "NOT_SENT", null, e.getMessage()), TapBatch.READY, attempt, null,
                        "not sent: " + e.getMessage());
            }
            return;
        }
        if (answer.ok() && answer.uniqueId() != null) {
            batches.submitted(batch, call(CREATE, started, answer, "CREATED"), answer.uniqueId(), null, null,
                    clock.instant().plus(firstPoll));
            LOG.info("Batch {} ({} #{}, {} lines) created in TAP: uniqueId {}", batch.id(), batch.poNumber(), batch.seq(),
                    batch.lineCount(), answer.uniqueId());
        } else if (answer.creationInProgress()) {
            retry(batch, call(CREATE, started, answer, "IN_PROGRESS"), TapBatch.RECONCILE, attempt, null,
                    "TAP is still creating an order for these serial numbers; checking with TAP");
        } else if (answer.httpStatus() == 429 || answer.httpStatus() == 401) {
            // refused at the gateway (throttled, or credentials refused after a fresh token): nothing was created
            retry(batch, call(CREATE, started, answer, "NOT_SENT"), TapBatch.READY, attempt, answer.retryAfter(),
                    "TAP refused the call (" + answer.describe() + ")");
        } else if (answer.httpStatus() >= 500 || answer.httpStatus() == 408) {
            retry(batch, call(CREATE, started, answer, "UNKNOWN"), TapBatch.RECONCILE, attempt, answer.retryAfter(),
                    "TAP failed (" + answer.describe() + "); checking with TAP before any new attempt");
        } else if (answer.httpStatus() == 400 || answer.httpStatus() == 200) {
            batches.update(batch, call(CREATE, started, answer, "REJECTED"), TapBatch.REJECTED, clock.instant(),
                    "TAP refused the order: " + String.join("; ", answer.errorMessages()));
            LOG.warn("Batch {} ({} {}) refused by TAP: {}", batch.id(), batch.poNumber(), batch.seq(), answer.describe());
        } else {
            // 403, 404 and the like: a set-up problem, not the order's; nothing was created, keep it for later
            retry(batch, call(CREATE, started, answer, "NOT_SENT"), TapBatch.READY, attempt, answer.retryAfter(),
                    "TAP refused the call (" + answer.describe() + ")");
        }
    }

    /** The ledger's record of a call that was answered; the answer's reasons unless it succeeded. */
    private static TapCall call(String procedure, Instant started, TapAnswer answer, String outcome) {
        return new TapCall(procedure, started, answer.httpStatus(), outcome, answer.uniqueId(), answer.ok() ? null : answer.describe());
    }

    private void reconcile(TapBatch batch) throws InterruptedException {
        ObjectNode request = client.newRequest();
        request.put("serialNumber", batch.firstSerial());
        request.put("poNumber", batch.poNumber());
        Instant started = clock.instant();
        TapAnswer answer;
        try {
            answer = client.call(TapProcedure.TAP_GET_ORDER_API, request);
        } catch (TapTransportException e) {
            retry(batch, new TapCall(GET_ORDER, started, null, "UNKNOWN", null, e.getMessage()), TapBatch.RECONCILE,
                    batch.attempts(), null, "checking with TAP failed (" + e.getMessage() + ")");
            return;
        }
        if (answer.ok() && isOurs(batch, answer)) {
            String uniqueId = answer.orderUniqueId();
            String status = answer.body().path("orderHdr").path("orderStatus").asText(null);
            String orderNumber = answer.body().path("orderHdr").path("orderNumber").asText(null);
            batches.submitted(batch, new TapCall(GET_ORDER, started, answer.httpStatus(), "FOUND", uniqueId, null), uniqueId,
                    orderNumber, blankToNull(status), clock.instant());
            LOG.info("Batch {} ({} {}) found in TAP after an uncertain create: uniqueId {}, not sent again", batch.id(),
                    batch.poNumber(), batch.seq(), uniqueId);
        } else if (answer.noData() || answer.ok()) {
            batches.update(batch, call(GET_ORDER, started, answer, "NOT_FOUND"), TapBatch.READY, clock.instant(), "TAP has no order for these serial numbers; sending again");
            LOG.info("Batch {} ({} {}) not in TAP after an uncertain create: sending again", batch.id(), batch.poNumber(), batch.seq());
        } else {
            retry(batch, call(GET_ORDER, started, answer, "UNKNOWN"), TapBatch.RECONCILE, batch.attempts(), answer.retryAfter(),
                    "checking with TAP failed (" + answer.describe() + ")");
        }
    }

    /**
     * The order TAP found is this batch's when it is for the same PO, holds every serial number of the batch and
     * is not already another batch's.
     */
    private boolean isOurs(TapBatch batch, TapAnswer answer) {
        JsonNode order = answer.body();
        if (answer.orderUniqueId() == null || !batch.poNumber().equals(order.path("orderHdr").path("poNumber").asText())) {
            return false;
        }
        Set<String> found = new HashSet<>();
        order.path("orderLine").forEach(l -> found.add(l.path("serialNumber").asText().toUpperCase(Locale.ROOT)));
        return found.containsAll(serials(batch)) && !batches.uniqueIdTaken(answer.orderUniqueId(), batch.id());
    }

    private Set<String> serials(TapBatch batch) {
        Set<String> serials = new HashSet<>();
        try {
            json.readTree(batches.payload(batch.id())).path("request").path("lines")
                    .forEach(l -> serials.add(l.path("serialNumber").asText().toUpperCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new IllegalStateException("tap_batch_payload of batch " + batch.id() + " is not JSON", e);
        }
        return serials;
    }

    private void retry(TapBatch batch, TapCall call, String state, int attempt, Duration retryAfter, String message) {
        Duration wait = backoff.delay(Math.max(attempt, 1), retryAfter);
        batches.update(batch, call, state, clock.instant().plus(wait), message + "; next attempt in " + wait.toSeconds() + " s");
        LOG.warn("Batch {} ({} {}): {}; next attempt in {} ms", batch.id(), batch.poNumber(), batch.seq(), message, wait.toMillis());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
