package io.tapbridge.tapio;

/** tapio did not take a call for now (no answer, 429, 5xx): worth trying again later, nothing is wrong with the data. */
public final class TapioUnavailableException extends Exception {

    public TapioUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
