package io.tapbridge.ledger;

/**
 * One order line as its result files show it: the line's verdict, its batch's state and TAP's answers, and (for
 * status files) its activation details; absent parts are null.
 */
public record LineResult(String poNumber, String lineNumber, String serialNumber, String partNumber, String lineState,
        String lineMessage, int rowNumber, long sourceLine, String sentPartNumber, Integer batchSeq, String batchState,
        String batchMessage, String uniqueId, String orderNumber, Activation activation) {

    /** The activation details TAP gave for the line's serial, when asked for. */
    public record Activation(String passcode, String passcodeStatus, String otaStatus, String otaError,
            String activationRequestType, String serviceStartDate, String serviceEndDate, String qrCodeLink) {
    }
}
