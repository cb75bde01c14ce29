package io.tapbridge.sandbox.tapio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which licence an assignment takes. A licence is free for an application in a customer subscription
 * when it is for that application, its machine is onboarded in that subscription (the licence belongs
 * to "the current owner(s) of its machine"), it is valid now, and fewer assignments took it than its
 * machineCount ("the customer is free to assign the license to any machine"). The licence bound to the
 * machine being assigned is preferred, then the oldest.
 */
final class FreeLicenses {

    private final TapioState state;

    FreeLicenses(TapioState state) {
        this.state = state;
    }

    Optional<SandboxLicense> find(String applicationId, String subscriptionId, String tmid, Instant now) {
        return candidates(applicationId).stream()
                .filter(l -> whyNotFree(l, subscriptionId, now) == null)
                .min(Comparator.comparing((SandboxLicense l) -> !l.tmid().equals(tmid)).thenComparing(SandboxLicense::createdAt));
    }

    /** For the 404's details: why each licence of the application is not free in that subscription. */
    List<String> reasons(String applicationId, String subscriptionId, Instant now) {
        List<String> reasons = new ArrayList<>();
        for (SandboxLicense l : candidates(applicationId)) {
            reasons.add("license " + l.id() + " (machine " + l.tmid() + "): " + whyNotFree(l, subscriptionId, now));
        }
        return reasons;
    }

    private List<SandboxLicense> candidates(String applicationId) {
        return state.licenses.values().stream().map(StoredLicense::license)
                .filter(l -> l.applicationId().equals(applicationId)).toList();
    }

    private String whyNotFree(SandboxLicense l, String subscriptionId, Instant now) {
        SandboxMachine owner = state.machines.get(l.tmid());
        if (owner == null || !subscriptionId.equals(owner.onboardedIn())) {
            return "its machine is not onboarded in this customer subscription";
        }
        if (!l.validAt(now)) {
            return "it is valid from " + l.validFrom() + " to " + l.validTo() + ", not now (" + now + ")";
        }
        long used = state.assignments.values().stream().filter(l.id()::equals).count();
        if (used >= l.machineCount()) {
            return "its machineCount " + l.machineCount() + " is used up";
        }
        return null;
    }
}
