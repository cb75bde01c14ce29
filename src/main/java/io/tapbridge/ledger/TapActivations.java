package io.tapbridge.ledger;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The {@code tap_activation} table: activation details per serial and part of a finished order. */
public final class TapActivations {

    private final Jdbi jdbi;
    private final Clock clock;

    public TapActivations(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Replaces what is known of a batch's activations with TAP_GET_ACTIVATION_STATUS_API's latest answer. */
    public void store(long batchId, JsonNode activations) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            h.execute("delete from tap_activation where batch_id = ?", batchId);
            PreparedBatch insert = h.prepareBatch("insert into tap_activation (batch_id, serial_number, part_number, passcode,"
                    + " passcode_status, ota_status, ota_error, activation_request_type, service_start_date, service_end_date,"
                    + " qr_code_link, fetched_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (JsonNode activation : activations) {
                String serial = activation.path("serialNumber").asText();
                String part = activation.path("partNumber").asText();
                if (seen.add(serial + "\u0000" + part)) {
                    insert.add(batchId, serial, part, text(activation, "passcode"), text(activation, "passcodeActivationStatus"),
                            text(activation, "otaActivationStatus"), text(activation, "otaActivationErrorMsg"),
                            text(activation, "activationRequestType"), text(activation, "serviceStartDate"),
                            text(activation, "serviceEndDate"), text(activation, "qrCodeLink"), now);
                }
            }
            if (!seen.isEmpty()) {
                insert.execute();
            }
        });
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
