package io.tapbridge.machines;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a machines-file row asks for; the ERP writes it in lower case, blank meaning register. */
public enum MachineAction {
    /** Create the machine, make sure its customer exists, onboard, license, accept terms, assign. */
    REGISTER,
    /** Remove the machine from the listed applications. */
    UNASSIGN,
    /** Unassign it from every application, then take it out of the customer's subscription. */
    OFFBOARD,
    /** Delete a machine that was never onboarded. */
    DELETE;

    public static Optional<MachineAction> of(String text) {
        if (text.isBlank()) {
            return Optional.of(REGISTER);
        }
        return Arrays.stream(values()).filter(a -> a.name().equalsIgnoreCase(text.strip())).findFirst();
    }

    public String erpName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
