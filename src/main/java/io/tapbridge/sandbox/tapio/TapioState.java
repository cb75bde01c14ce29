package io.tapbridge.sandbox.tapio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the sandbox remembers. The collections are guarded by this object's monitor: routes reach
 * them only inside {@link #locked}, snapshots only inside {@link #read}. Requests are short, so one lock
 * keeps every rule that spans collections (an assignment needs machine, licence, terms) atomic.
 * Entities are immutable records, replaced on change, so a snapshot can hand them out as they are.
 */
final class TapioState {

    /** Work done under the lock that may end in an error answer. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws ApiError;
    }

    final TapioSeed seed;
    final Map<String, SandboxCustomer> customers = new LinkedHashMap<>();
    final List<SandboxMail> mails = new ArrayList<>();
    final Map<String, SandboxMachine> machines = new LinkedHashMap<>();
    /** When each machine was created, for its model's createdAt (not part of the snapshot record). */
    final Map<String, Instant> machineCreatedAt = new HashMap<>();
    final Map<String, SandboxConnector> connectors = new LinkedHashMap<>();
    final MetadataStore metadata = new MetadataStore();
    final Map<String, StoredLicense> licenses = new LinkedHashMap<>();
    /** Each assignment and the id of the licence it took. */
    final Map<SandboxAssignment, String> assignments = new LinkedHashMap<>();
    /** Keyed by subscription id and application id. */
    final Map<List<String>, SandboxTermsAcceptance> terms = new LinkedHashMap<>();

    TapioState(TapioSeed seed) {
        this.seed = seed;
        reset();
    }

    synchronized <T> T locked(Work<T> work) throws ApiError {
        return work.run();
    }

    synchronized <T> T read(Supplier<T> snapshot) {
        return snapshot.get();
    }

    /** Back to the seed. */
    synchronized void reset() {
        customers.clear();
        seed.customers().forEach(c -> customers.put(c.subscriptionId(), c));
        mails.clear();
        machines.clear();
        machineCreatedAt.clear();
        connectors.clear();
        metadata.clear();
        licenses.clear();
        assignments.clear();
        terms.clear();
    }

    SandboxMachine requireMachine(String tmid) throws ApiError {
        SandboxMachine m = machines.get(tmid);
        if (m == null) {
            throw ApiError.notFound("Machine '" + tmid + "' was not found.");
        }
        return m;
    }

    SandboxCustomer requireCustomer(String subscriptionId) throws ApiError {
        SandboxCustomer c = customers.get(Guids.canonical(subscriptionId));
        if (c == null) {
            throw ApiError.notFound("Customer subscription '" + subscriptionId + "' was not found.");
        }
        return c;
    }

    SandboxApplication requireApplication(String applicationId) throws ApiError {
        return seed.application(applicationId)
                .orElseThrow(() -> ApiError.notFound("Application '" + applicationId + "' was not found."));
    }

    /** The connectors that serve a machine, in creation order. */
    List<SandboxConnector> connectorsServing(String tmid) {
        return connectors.values().stream().filter(c -> c.tmids().contains(tmid)).toList();
    }

    boolean assignedAnywhere(String tmid) {
        return assignments.keySet().stream().anyMatch(a -> a.tmid().equals(tmid));
    }
}
