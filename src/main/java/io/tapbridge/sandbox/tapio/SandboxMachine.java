package io.tapbridge.sandbox.tapio;

/**
 * A manufacturer machine.
 *
 * @param isTapioReady        true: a connected machine (needs MachineAssignable), false: a limited one
 *                            (needs LimitedMachineAssignable)
 * @param onboardedIn         the customer subscription it is onboarded in, null when it is not
 * @param everOnboarded       it was onboarded at least once, so it can no longer be deleted
 * @param customerDisplayName the name the customer sees (onboarding's machineName, renaming's
 *                            displayName); null when not onboarded
 */
public record SandboxMachine(String tmid, String serialNumber, String displayName, String deviceType,
                             String deviceSubType, String tmidPostfix, boolean isTapioReady, String onboardedIn,
                             boolean everOnboarded, String customerDisplayName) {

    public static final String MACHINE = "Machine";
    public static final String SMART_DEVICE = "SmartDevice";

    /** "In case that 'deviceType' is 'SmartDevice', then the property is true." */
    public boolean isMassDevice() {
        return SMART_DEVICE.equals(deviceType);
    }

    SandboxMachine onboarded(String subscriptionId, String name) {
        return new SandboxMachine(tmid, serialNumber, displayName, deviceType, deviceSubType, tmidPostfix, isTapioReady,
                subscriptionId, true, name);
    }

    SandboxMachine offboarded() {
        return new SandboxMachine(tmid, serialNumber, displayName, deviceType, deviceSubType, tmidPostfix, isTapioReady,
                null, everOnboarded, null);
    }

    SandboxMachine renamedForCustomer(String name) {
        return new SandboxMachine(tmid, serialNumber, displayName, deviceType, deviceSubType, tmidPostfix, isTapioReady,
                onboardedIn, everOnboarded, name);
    }

    SandboxMachine updated(String newDisplayName, String newDeviceType, String newDeviceSubType, boolean newTapioReady) {
        return new SandboxMachine(tmid, serialNumber, newDisplayName, newDeviceType, newDeviceSubType, tmidPostfix,
                newTapioReady, onboardedIn, everOnboarded, customerDisplayName);
    }
}
