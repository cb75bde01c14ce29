package io.tapbridge.intake;

/** A file that cannot be read at all; the message says why, with line and column where known. */
public class ErpFileRejected extends RuntimeException {

    public ErpFileRejected(String message) {
        super(message);
    }

    public ErpFileRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
