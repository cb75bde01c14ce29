package io.tapbridge.tap;

/** No answer from TAP. {@link #requestSent()} tells whether TAP may have received and acted on the request. */
public class TapTransportException extends Exception {

    private final boolean requestSent;

    public TapTransportException(String message, boolean requestSent, Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
    }

    /** False only when the request provably never left (no connection, no token). */
    public boolean requestSent() {
        return requestSent;
    }
}
