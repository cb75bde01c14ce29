package io.tapbridge.ledger;

import java.time.Instant;

/**
 * An order batch of at most 20 lines of one PO, as the ledger knows it.
 *
 * <p>States: {@code READY} (never sent, or provably not created) → {@code SENDING} (intent recorded, create call
 * in flight) → {@code SUBMITTED} (TAP gave a uniqueId) → TAP's {@code ORDER_CREATION_INPROGRESS},
 * {@code ORDER_ON_HOLD} → final {@code SUCCESS} or {@code ERROR}. {@code RECONCILE}: the create's outcome is
 * unknown and TAP must be asked before anything is sent again. {@code REJECTED}: TAP refused the order (final).
 * {@code ATTENTION}: TAP's answers could not tell whether the batch was created; parked for an operator, never sent
 * again by itself.
 */
public record TapBatch(long id, long fileId, String poNumber, int seq, int lineCount, String firstSerial, String state,
        int attempts, Instant intentAt, String uniqueId, String orderNumber, String tapStatus, int holdPolls,
        String activation, int uncertainCreates) {

    public static final String READY = "READY";
    public static final String SENDING = "SENDING";
    public static final String RECONCILE = "RECONCILE";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String REJECTED = "REJECTED";
    public static final String SUCCESS = "SUCCESS";
    public static final String ERROR = "ERROR";
    public static final String ATTENTION = "ATTENTION";

    /** The create call's outcome is not known: TAP must be asked before anything is sent again. */
    public boolean uncertain() {
        return SENDING.equals(state) || RECONCILE.equals(state);
    }
}
