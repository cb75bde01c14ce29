package io.tapbridge.sandbox.tapio;

/** Who may call a route. */
enum Access {
    /** The token endpoint: client credentials in the request, no bearer token. */
    TOKEN_REQUEST(null),
    /** Machines, customers, connectors, metadata, terms of use, assignments. */
    MANUFACTURER(ClientRole.MANUFACTURER),
    /** Licences: "the calling api client needs to act in scope of a developer subscription". */
    DEVELOPER(ClientRole.DEVELOPER);

    private final ClientRole role;

    Access(ClientRole role) {
        this.role = role;
    }

    /** The role a bearer token must have; null for the token endpoint. */
    ClientRole role() {
        return role;
    }
}
