package io.tapbridge.resends;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.HttpApi;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.ResendRows;
import io.tapbridge.tap.TapAnswer;
import io.tapbridge.tap.TapEnvelope;
import io.tapbridge.tap.TapProcedure;
import io.tapbridge.tap.TapStoreClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed resend row to TAP_RESEND_ACTIVATION_API, at most once: the intent is committed right before the
 * request leaves, and a row whose outcome is unknown (no answer, a 5xx, the bridge stopped during the call) is
 * reported FAILED saying so, never sent again. Only a request that provably never left is sent later.
 */
public final class ResendSender {

    private static final Logger LOG = LoggerFactory.getLogger(ResendSender.class);
    private static final String NOT_REPEATED = "; not sent again (a resend reaches a person): check the device or ask TAP";

    private final TapStoreClient tap;
    private final ResendRows rows;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final Duration retryDelay;

    public ResendSender(TapStoreClient tap, ResendRows rows, Clock clock, Duration retryDelay) {
        this.tap = tap;
        this.rows = rows;
        this.clock = clock;
        this.retryDelay = retryDelay;
    }

    public void send(ResendRows.ResendRow row) throws InterruptedException {
        if (ResendRows.SENDING.equals(row.state())) {
            rows.finish(row, ResendRows.FAILED, null, "the outcome is unknown: tap-bridge stopped during the call" + NOT_REPEATED);
            LOG.warn("Resend of {} (file #{}, row {}): outcome unknown after a stop during the call; not sent again", row.serialNumber(),
                    row.fileId(), row.rowNumber());
            return;
        }
        String envelope;
        try {
            envelope = TapEnvelope.of(TapProcedure.TAP_RESEND_ACTIVATION_API, (ObjectNode) json.readTree(row.request())).toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the staged request of resend row " + row.id() + " is not JSON", e);
        }
        TapAnswer answer;
        try {
            answer = tap.send(TapProcedure.TAP_RESEND_ACTIVATION_API, envelope, () -> rows.intent(row));
        } catch (HttpApi.NotSent e) {
            return; // the claim lapsed: the copy that holds it now decides
        } catch (TransportException e) {
            if (!e.requestSent()) {
                rows.later(row, clock.instant().plus(retryDelay), "not sent yet: " + e.getMessage());
                return;
            }
            rows.finish(row, ResendRows.FAILED, null, "the outcome is unknown: " + e.getMessage() + NOT_REPEATED);
            LOG.warn("Resend of {} (file #{}, row {}): outcome unknown ({}); not sent again", row.serialNumber(), row.fileId(),
                    row.rowNumber(), e.getMessage());
            return;
        }
        if (answer.ok()) {
            rows.finish(row, ResendRows.SENT, answer.uniqueId(), null);
            LOG.info("Resend of {} (file #{}, row {}) accepted by TAP: uniqueId {}", row.serialNumber(), row.fileId(), row.rowNumber(),
                    answer.uniqueId());
        } else if (answer.httpStatus() == 429) {
            // refused before any work: safe to send later
            rows.later(row, clock.instant().plus(answer.retryAfter() != null ? answer.retryAfter() : retryDelay), "TAP asked to wait (HTTP 429)");
        } else if (answer.httpStatus() >= 400 && answer.httpStatus() < 500) {
            String why = answer.errorMessages().isEmpty() ? answer.describe() : String.join("; ", answer.errorMessages());
            rows.finish(row, ResendRows.FAILED, null, "TAP refused it: " + why);
            LOG.warn("Resend of {} (file #{}, row {}) refused by TAP: {}", row.serialNumber(), row.fileId(), row.rowNumber(), why);
        } else {
            rows.finish(row, ResendRows.FAILED, null, "the outcome is unknown: TAP answered " + answer.describe() + NOT_REPEATED);
            LOG.warn("Resend of {} (file #{}, row {}): outcome unknown (TAP answered {}); not sent again", row.serialNumber(),
                    row.fileId(), row.rowNumber(), answer.describe());
        }
    }
}
