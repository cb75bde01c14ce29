package io.tapbridge.sandbox.tapio;

import java.util.ArrayList;
import java.util.List;

/**
 * "Update Manufacturer Machine": a JSON Patch on '/displayName', '/deviceType', '/deviceSubType' and
 * '/isTapioReady' only. {@code add} on a property is {@code replace} (RFC 6902 for object members);
 * {@code remove} restores the text's default (deviceType Machine, isTapioReady true, deviceSubType
 * null), except for the required displayName. The patch applies entirely or not at all.
 */
final class MachinePatch {

    private static final String ALLOWED = "only /displayName, /deviceType, /deviceSubType and /isTapioReady can be updated";

    private MachinePatch() {
    }

    static SandboxMachine apply(SandboxMachine machine, List<PatchOperation> ops) throws ApiError {
        String displayName = machine.displayName();
        String deviceType = machine.deviceType();
        String deviceSubType = machine.deviceSubType();
        boolean tapioReady = machine.isTapioReady();
        List<String> problems = new ArrayList<>();
        for (PatchOperation op : ops) {
            switch (op.path()) {
                case "/displayName" -> {
                    if (op.isRemove()) {
                        problems.add(op.name() + ": /displayName is required and cannot be removed");
                    } else if (!op.value().isTextual() || op.value().asText().isBlank()) {
                        problems.add(op.name() + ".value: displayName must be a non-empty string");
                    } else {
                        displayName = op.value().asText();
                    }
                }
                case "/deviceType" -> {
                    if (op.isRemove()) {
                        deviceType = SandboxMachine.MACHINE;
                    } else if (!op.value().isTextual() || !MachineRoutes.DEVICE_TYPES.contains(op.value().asText())) {
                        problems.add(op.name() + ".value: deviceType must be Machine or SmartDevice, not " + op.value());
                    } else {
                        deviceType = op.value().asText();
                    }
                }
                case "/deviceSubType" -> {
                    if (op.isRemove() || op.value().isNull()) {
                        deviceSubType = null;
                    } else if (!op.value().isTextual()) {
                        problems.add(op.name() + ".value: deviceSubType must be a string or null");
                    } else {
                        deviceSubType = op.value().asText();
                    }
                }
                case "/isTapioReady" -> {
                    if (op.isRemove()) {
                        tapioReady = true;
                    } else if (!op.value().isBoolean()) {
                        problems.add(op.name() + ".value: isTapioReady must be true or false");
                    } else {
                        tapioReady = op.value().booleanValue();
                    }
                }
                default -> problems.add(op.name() + ".path: '" + op.path() + "' cannot be updated; " + ALLOWED);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        return machine.updated(displayName, deviceType, deviceSubType, tapioReady);
    }
}
