package io.tapbridge.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one order in the sandbox's order book. {@code header} is the create request minus
 * "lines" and {@code lines} are the lines, both exactly as received (read-only). {@code status} is one of
 * ORDER_CREATION_INPROGRESS, ORDER_ON_HOLD, SUCCESS, ERROR at the time the snapshot was taken;
 * {@code errorMessage} is set only for ERROR.
 */
public record SandboxOrder(String uniqueId, String orderNumber, String clientId, String poNumber,
                           String customerOrderRef, String status, String errorMessage, Instant createdAt,
                           Map<String, Object> header,
                           List<Map<String, Object>> lines) {

    public SandboxOrder {
        header = header == null ? Map.of() : header;
        lines = lines == null ? List.of() : lines;
    }

    /** The serialNumber of every line, in line order, as received. */
    public List<String> serialNumbers() {
        return lines.stream().map(l -> l.get("serialNumber")).filter(Objects::nonNull).map(String::valueOf).toList();
    }
}
