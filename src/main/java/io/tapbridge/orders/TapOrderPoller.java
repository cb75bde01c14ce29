package io.tapbridge.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.Backoff;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.TapActivations;
import io.tapbridge.ledger.TapBatch;
import io.tapbridge.ledger.TapBatches;
import io.tapbridge.ledger.TapCall;
import io.tapbridge.model.Shown;
import io.tapbridge.tap.TapAnswer;
import io.tapbridge.tap.TapEnvelope;
import io.tapbridge.tap.TapProcedure;
import io.tapbridge.tap.TapStoreClient;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one claimed, created batch: its status with TAP_GET_ORDER_API by uniqueID until it is final (on hold,
 * at a growing interval), then its activation details with TAP_GET_ACTIVATION_STATUS_API once, and again while
 * an over-the-air activation is still pending. A final order is never asked for again.
 */
public final class TapOrderPoller {

    private static final Logger LOG = LoggerFactory.getLogger(TapOrderPoller.class);
    /** TAP's orderStatus values (TAP_GET_ORDER_API usage notes); the ledger keeps a batch in one of them once created. */
    static final Set<String> ORDER_STATUSES = Set.of("ORDER_CREATION_INPROGRESS", "ORDER_ON_HOLD", "SUCCESS", "ERROR");
    private static final Set<String> OTA_PENDING = Set.of("PENDING", "IN PROGRESS", "IN_PROGRESS", "INPROGRESS", "SCHEDULED");

    private final TapStoreClient client;
    private final TapBatches batches;
    private final TapActivations activations;
    private final Backoff backoff;
    private final Duration pollInterval;
    private final Duration longestHoldInterval;
    private final Duration activationInterval;
    private final Clock clock;

    public TapOrderPoller(TapStoreClient client, TapBatches batches, TapActivations activations, Backoff backoff,
            Duration pollInterval, Duration longestHoldInterval, Duration activationInterval, Clock clock) {
        this.client = client;
        this.batches = batches;
        this.activations = activations;
        this.backoff = backoff;
        this.pollInterval = pollInterval;
        this.longestHoldInterval = longestHoldInterval;
        this.activationInterval = activationInterval;
        this.clock = clock;
    }

    /** Takes a created batch the caller claimed: its order status, or its activation details once it succeeded. */
    public void poll(@Body TapBatch batch) throws InterruptedException {
        if (TapBatch.SUCCESS.equals(batch.state())) {
            fetchActivations(batch);
        } else if (batch.uniqueId() != null) {
            fetchStatus(batch);
        }
    }

    private void fetchStatus(TapBatch batch) throws InterruptedException {
        ObjectNode request = TapEnvelope.request();
        request.put("uniqueID", batch.uniqueId());
        Asked asked = ask(batch, TapProcedure.TAP_GET_ORDER_API, request);
        if (asked == null) {
            return;
        }
        JsonNode header = asked.answer().body().path("orderHdr");
        String status = header.path("orderStatus").asText("").trim().toUpperCase(Locale.ROOT);
        String orderNumber = header.path("orderNumber").asText(null);
        Instant now = clock.instant();
        TapCall call = asked.call();
        switch (status) {
            case "SUCCESS" -> {
                batches.polled(batch, call, TapBatch.SUCCESS, orderNumber, batch.holdPolls(), "PENDING", now, null);
                LOG.info("Batch {} ({} {}): TAP order {} SUCCESS", batch.id(), batch.poNumber(), batch.seq(), orderNumber);
            }
            case "ERROR" -> {
                batches.polled(batch, call, TapBatch.ERROR, orderNumber, batch.holdPolls(), batch.activation(), now,
                        "TAP could not complete order " + orderNumber + " (orderStatus ERROR); TAP Customer Care knows why");
                LOG.warn("Batch {} ({} {}): TAP order {} ERROR", batch.id(), batch.poNumber(), batch.seq(), orderNumber);
            }
            case "ORDER_ON_HOLD" -> {
                int holds = batch.holdPolls() + 1;
                Duration wait = pollInterval.multipliedBy(1L << Math.min(holds, 20));
                wait = wait.compareTo(longestHoldInterval) > 0 ? longestHoldInterval : wait;
                batches.polled(batch, call, status, orderNumber, holds, batch.activation(), now.plus(wait),
                        "TAP holds order " + orderNumber + " (credit or hold checks); TAP support releases it");
                if (holds == 1) {
                    LOG.warn("Batch {} ({} {}): TAP holds order {} (credit or hold checks); TAP support releases it, asked again in {} ms",
                            batch.id(), batch.poNumber(), batch.seq(), orderNumber, wait.toMillis());
                }
            }
            case "ORDER_CREATION_INPROGRESS" ->
                batches.polled(batch, call, status, orderNumber, batch.holdPolls(), batch.activation(), now.plus(pollInterval), null);
            default -> batches.polled(batch, call, batch.state(), orderNumber, batch.holdPolls(), batch.activation(),
                    now.plus(pollInterval), "TAP reported an unknown orderStatus " + Shown.quoted(status));
        }
    }

    private void fetchActivations(TapBatch batch) throws InterruptedException {
        if (batch.orderNumber() == null) {
            fetchActivationsBySerial(batch);
            return;
        }
        ObjectNode request = TapEnvelope.request();
        request.put("orderNumber", batch.orderNumber());
        Asked asked = ask(batch, TapProcedure.TAP_GET_ACTIVATION_STATUS_API, request);
        if (asked == null) {
            return;
        }
        JsonNode found = asked.answer().body().path("activations");
        activations.store(batch.id(), found);
        boolean pending = false;
        for (JsonNode activation : found) {
            pending |= OTA_PENDING.contains(activation.path("otaActivationStatus").asText("").trim().toUpperCase(Locale.ROOT));
        }
        Instant now = clock.instant();
        batches.activation(batch, List.of(asked.call()), pending ? "PENDING" : "DONE", pending ? now.plus(activationInterval) : now, null);
    }

    /**
     * TAP reported SUCCESS without an orderNumber: the activations are looked up by each serial number of the batch
     * (never with a null orderNumber), keeping those of the batch's own lines (a serial may have older services).
     */
    private void fetchActivationsBySerial(TapBatch batch) throws InterruptedException {
        List<JsonNode> lines = CreatePayload.lines(batches.payload(batch.id()));
        ArrayNode found = JsonNodeFactory.instance.arrayNode();
        List<TapCall> calls = new ArrayList<>();
        Set<String> asked = new java.util.HashSet<>();
        for (JsonNode line : lines) {
            String serial = line.path("serialNumber").asText();
            if (!asked.add(serial.toUpperCase(Locale.ROOT))) {
                continue;
            }
            ObjectNode request = TapEnvelope.request();
            request.put("serialNumber", serial);
            Instant started = clock.instant();
            TapProcedure procedure = TapProcedure.TAP_GET_ACTIVATION_STATUS_API;
            try {
                TapAnswer answer = client.call(procedure, request);
                calls.add(new TapCall(procedure.name(), started, answer.httpStatus(), answer.ok() ? "OK" : "FAILED", answer.uniqueId(),
                        answer.ok() ? null : answer.describe()));
                if (answer.ok()) {
                    for (JsonNode activation : answer.body().path("activations")) {
                        if (lines.stream().anyMatch(l -> l.path("serialNumber").asText().equalsIgnoreCase(activation.path("serialNumber").asText())
                                && l.path("partNumber").asText().equals(activation.path("partNumber").asText()))) {
                            found.add(activation);
                        }
                    }
                } else if (!answer.noData()) {
                    batches.later(batch, calls.get(calls.size() - 1), clock.instant().plus(pollInterval), procedure + " answered " + answer.describe());
                    return;
                }
            } catch (TransportException e) {
                batches.later(batch, new TapCall(procedure.name(), started, null, "FAILED", null, e.getMessage()),
                        clock.instant().plus(pollInterval), e.getMessage());
                return;
            }
        }
        activations.store(batch.id(), found);
        boolean pending = false;
        for (JsonNode activation : found) {
            pending |= OTA_PENDING.contains(activation.path("otaActivationStatus").asText("").trim().toUpperCase(Locale.ROOT));
        }
        Instant now = clock.instant();
        batches.activation(batch, calls, pending ? "PENDING" : "DONE", pending ? now.plus(activationInterval) : now,
                found.isEmpty() ? "TAP shows no activation for the serial numbers of this order (it gave no orderNumber)" : null);
    }

    /** An answer to act on, with the call's record for the ledger. */
    private record Asked(TapAnswer answer, TapCall call) {
    }

    /** The procedure's answer when it is one to act on; otherwise the batch is rescheduled (or closed) and null returned. */
    private Asked ask(TapBatch batch, TapProcedure procedure, ObjectNode request) throws InterruptedException {
        Instant started = clock.instant();
        try {
            TapAnswer answer = client.call(procedure, request);
            if (answer.ok()) {
                return new Asked(answer, new TapCall(procedure.name(), started, answer.httpStatus(), "OK", answer.uniqueId(), null));
            }
            TapCall failed = new TapCall(procedure.name(), started, answer.httpStatus(), "FAILED", answer.uniqueId(), answer.describe());
            if (procedure == TapProcedure.TAP_GET_ACTIVATION_STATUS_API && answer.noData()) {
                batches.activation(batch, List.of(failed), "DONE", clock.instant(), "TAP shows no active subscription for order "
                        + batch.orderNumber() + " (" + String.join("; ", answer.errorMessages()) + ")");
                return null;
            }
            later(batch, failed, answer.retryAfter(), procedure + " answered " + answer.describe());
        } catch (TransportException e) {
            later(batch, new TapCall(procedure.name(), started, null, "FAILED", null, e.getMessage()), null, e.getMessage());
        }
        return null;
    }

    private void later(TapBatch batch, TapCall call, Duration retryAfter, String message) {
        Duration wait = backoff.delay(1, retryAfter);
        wait = wait.compareTo(pollInterval) < 0 ? pollInterval : wait;
        batches.later(batch, call, clock.instant().plus(wait), message);
        LOG.warn("Batch {} ({} {}): {}; asking again in {} s", batch.id(), batch.poNumber(), batch.seq(), message, wait.toSeconds());
    }
}
