package io.tapbridge.sandbox.tapio;

import java.util.List;

/**
 * An application of the seed, as a developer subscription publishes it.
 *
 * @param capabilities  a subset of {@code MachineAssignable} (connected machines) and
 *                      {@code LimitedMachineAssignable} (limited machines)
 * @param termsVersions the versions of its terms of use, e.g. ["1.0.0", "2.0.0"]
 */
public record SandboxApplication(String id, String name, List<String> capabilities, List<String> termsVersions) {

    public static final String MACHINE_ASSIGNABLE = "MachineAssignable";
    public static final String LIMITED_MACHINE_ASSIGNABLE = "LimitedMachineAssignable";

    public SandboxApplication {
        capabilities = List.copyOf(capabilities);
        termsVersions = List.copyOf(termsVersions);
    }
}
