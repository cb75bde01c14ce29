package io.tapbridge.tap;

/** TAP's catalogue could not be read: enrichment waits and tries again, nothing is rejected for it. */
public class CatalogueUnavailableException extends Exception {

    public CatalogueUnavailableException(String message) {
        super(message);
    }

    public CatalogueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
