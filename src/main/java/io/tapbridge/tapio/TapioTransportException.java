package io.tapbridge.tapio;

/**
 * No answer from tapio: no connection, a timeout or a broken exchange ({@code requestSent} says whether tapio may
 * have acted); or no token, which is {@code permanent} when the token endpoint refused the client's credentials.
 */
public final class TapioTransportException extends Exception {

    private final boolean requestSent;
    private final boolean permanent;

    public TapioTransportException(String message, boolean requestSent, Throwable cause) {
        this(message, requestSent, false, cause);
    }

    public TapioTransportException(String message, boolean requestSent, boolean permanent, Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
        this.permanent = permanent;
    }

    /** Trying again will not help until the configuration is fixed. */
    public boolean permanent() {
        return permanent;
    }

    public boolean requestSent() {
        return requestSent;
    }
}
