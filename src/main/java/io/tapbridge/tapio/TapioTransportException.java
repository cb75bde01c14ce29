package io.tapbridge.tapio;

/** No answer from tapio: no connection, a timeout or a broken exchange; {@code requestSent} says whether tapio may have acted. */
public final class TapioTransportException extends Exception {

    private final boolean requestSent;

    public TapioTransportException(String message, boolean requestSent, Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
    }

    public boolean requestSent() {
        return requestSent;
    }
}
