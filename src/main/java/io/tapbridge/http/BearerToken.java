package io.tapbridge.http;

/** Where an API client's bearer token comes from: one per OAuth2 client, cached, replaced when the API refuses it. */
public interface BearerToken {

    /** @throws TransportException (never sent) when no token can be had; permanent when the client's credentials were refused */
    String token() throws TransportException, InterruptedException;

    /** The API refused {@code rejected} (401): the next {@link #token()} fetches a new one. */
    void invalidate(String rejected);
}
