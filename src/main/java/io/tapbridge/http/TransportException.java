package io.tapbridge.http;

/**
 * A call that got no HTTP answer. {@link #requestSent()} is what "no order twice" rests on: false only when the
 * request provably never left this machine (no token, no connection, no free connection, a refused intent); true
 * whenever the server may have received it and acted on it (a timeout or a broken exchange after sending began).
 */
public class TransportException extends Exception {

    private final boolean requestSent;
    private final boolean permanent;

    public TransportException(String message, boolean requestSent, boolean permanent, Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
        this.permanent = permanent;
    }

    /** False only when the request provably never left. */
    public boolean requestSent() {
        return requestSent;
    }

    /** Trying again will not help until the configuration is fixed (the token endpoint refused the client). */
    public boolean permanent() {
        return permanent;
    }
}
