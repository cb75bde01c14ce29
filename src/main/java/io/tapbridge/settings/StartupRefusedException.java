package io.tapbridge.settings;

/** The settings do not allow a safe start; the message tells the operator what to set. */
public class StartupRefusedException extends IllegalStateException {

    public StartupRefusedException(String message) {
        super(message);
    }
}
