package io.tapbridge.http;

import java.io.IOException;

/** The token endpoint refused or failed; nothing was sent to the API. */
public class TokenUnavailableException extends IOException {

    private final int httpStatus;

    public TokenUnavailableException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
