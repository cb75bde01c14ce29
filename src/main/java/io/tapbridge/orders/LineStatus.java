package io.tapbridge.orders;

/**
 * The status the ERP sees for a line: REJECTED, SUBMITTED, ORDER_CREATION_INPROGRESS, ORDER_ON_HOLD, SUCCESS,
 * ERROR or ATTENTION (TAP could not tell whether the line was ordered: an operator decides), derived from the line's verdict and its batch's state in the ledger.
 */
public final class LineStatus {

    private LineStatus() {
    }

    public static String of(String lineState, String batchState) {
        if (!"ACCEPTED".equals(lineState) || batchState == null || "REJECTED".equals(batchState)) {
            return "REJECTED";
        }
        return switch (batchState) {
            case "ORDER_CREATION_INPROGRESS", "ORDER_ON_HOLD", "SUCCESS", "ERROR", "ATTENTION" -> batchState;
            default -> "SUBMITTED"; // READY, SENDING, RECONCILE, SUBMITTED: handed to TAP, no order status yet
        };
    }

    /** The line's own words (a rejection, or an enrichment note) and then the batch's latest news. */
    public static String message(String lineMessage, String batchMessage, String lineState) {
        boolean hasLine = lineMessage != null && !lineMessage.isBlank();
        boolean hasBatch = "ACCEPTED".equals(lineState) && batchMessage != null && !batchMessage.isBlank();
        if (hasLine && hasBatch) {
            return lineMessage + " | " + batchMessage;
        }
        return hasLine ? lineMessage : hasBatch ? batchMessage : "";
    }
}
