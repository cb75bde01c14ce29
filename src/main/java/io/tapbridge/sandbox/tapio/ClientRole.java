package io.tapbridge.sandbox.tapio;

/**
 * Whom a token was issued to. The licensing text splits the API between them: licences are managed
 * "in scope of a developer subscription", machines are assigned by "the manufacturer of the machine".
 */
enum ClientRole {
    MANUFACTURER("manufacturer"),
    DEVELOPER("developer");

    private final String wireName;

    ClientRole(String wireName) {
        this.wireName = wireName;
    }

    /** The name recorded in {@link TapioCall#role()} and used in messages. */
    String wireName() {
        return wireName;
    }
}
