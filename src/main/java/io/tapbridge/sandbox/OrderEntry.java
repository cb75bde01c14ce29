package io.tapbridge.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One order of the order book. Its state is not stored but computed from timestamps whenever asked:
 * ORDER_CREATION_INPROGRESS until processingTime has passed, then the outcome decided at creation
 * (ERROR, ORDER_ON_HOLD or SUCCESS); a hold ends by {@link #release} or after holdReleaseAfter. No
 * timers, so tests see the same state for the same elapsed time.
 */
final class OrderEntry {

    static final String INPROGRESS = "ORDER_CREATION_INPROGRESS";
    static final String ON_HOLD = "ORDER_ON_HOLD";
    static final String SUCCESS = "SUCCESS";
    static final String ERROR = "ERROR";

    enum Outcome { SUCCESS, ON_HOLD, ERROR }

    final String uniqueId;
    final String orderNumber;
    final String clientId;
    final OrderDraft draft;
    /** The draft's lines with serial numbers in the spelling the store already knows. */
    final List<OrderDraft.Line> lines;
    final Moment created;
    final Duration processingTime;
    final Duration holdReleaseAfter;
    final Outcome outcome;
    final String errorMessage;

    private volatile Moment released;
    /** Last resend per line number: OTA is pending again for a while after a resend. */
    private final Map<String, Moment> resends = new ConcurrentHashMap<>();

    OrderEntry(String uniqueId, String orderNumber, String clientId, OrderDraft draft, List<OrderDraft.Line> lines,
               Moment created, Duration processingTime, Duration holdReleaseAfter, Outcome outcome, String errorMessage) {
        this.uniqueId = uniqueId;
        this.orderNumber = orderNumber;
        this.clientId = clientId;
        this.draft = draft;
        this.lines = List.copyOf(lines);
        this.created = created;
        this.processingTime = processingTime;
        this.holdReleaseAfter = holdReleaseAfter;
        this.outcome = outcome;
        this.errorMessage = errorMessage;
    }

    String status(SandboxTime time) {
        Duration elapsed = time.since(created);
        if (elapsed.compareTo(processingTime) < 0) {
            return INPROGRESS;
        }
        return switch (outcome) {
            case ERROR -> ERROR;
            case SUCCESS -> SUCCESS;
            case ON_HOLD -> released != null || autoReleased(elapsed) ? SUCCESS : ON_HOLD;
        };
    }

    /** How long the order has been SUCCESS, or null while it is not. */
    Duration successFor(SandboxTime time) {
        if (!SUCCESS.equals(status(time))) {
            return null;
        }
        Duration elapsed = time.since(created);
        if (outcome == Outcome.SUCCESS) {
            return elapsed.minus(processingTime);
        }
        Moment r = released;
        return r != null ? time.since(r) : elapsed.minus(processingTime).minus(holdReleaseAfter);
    }

    private boolean autoReleased(Duration elapsed) {
        return holdReleaseAfter != null && elapsed.compareTo(processingTime.plus(holdReleaseAfter)) >= 0;
    }

    /** Releases a hold; the caller checks that the order is ON_HOLD. */
    void release(Moment at) {
        released = at;
    }

    void resent(String lineNumber, Moment at) {
        resends.put(lineNumber, at);
    }

    Moment lastResend(String lineNumber) {
        return resends.get(lineNumber);
    }

    SandboxOrder snapshot(SandboxTime time) {
        String status = status(time);
        return new SandboxOrder(uniqueId, orderNumber, clientId, draft.poNumber(), draft.customerOrderRef(), status,
                ERROR.equals(status) ? errorMessage : null, created.wall(), draft.receivedHeader(), draft.receivedLines());
    }
}
