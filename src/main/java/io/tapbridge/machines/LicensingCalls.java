package io.tapbridge.machines;

import static io.tapbridge.tapio.TapioClient.Client.DEVELOPER;
import static io.tapbridge.tapio.TapioClient.Client.MANUFACTURER;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.MachineRow;
import io.tapbridge.model.MachineColumn;
import io.tapbridge.model.Shown;
import io.tapbridge.tapio.TapioAnswer;
import io.tapbridge.tapio.TapioClient;
import io.tapbridge.tapio.TapioPath;

/**
 * The licensing workflow per application (tapio-licensing-workflow.txt): check the application takes such a
 * machine, create the licence bound to the machine with the <b>developer</b> client, accept the terms of use for
 * the customer, and assign the machine with the <b>manufacturer</b> client. Each step is idempotent.
 */
final class LicensingCalls {

    /** A connected (tapio-ready) machine needs this capability of the application... */
    static final String CONNECTED = "MachineAssignable";
    /** ...and a limited one this. */
    static final String LIMITED = "LimitedMachineAssignable";

    private static final String LICENSE = "/management/applications/%s/machines/%s/license";
    private static final String ASSIGNMENT = "/management/manufacturer/machines/%s/applicationassignment";

    private final TapioClient tapio;
    private final Clock clock;

    LicensingCalls(TapioClient tapio, Clock clock) {
        this.tapio = tapio;
        this.clock = clock;
    }

    StepOutcome capability(String applicationId, boolean connected) throws TransportException, InterruptedException {
        TapioAnswer answer = tapio.get(MANUFACTURER, TapioPath.of("/management/manufacturer/applications/%s", applicationId));
        if (answer.status() == 404) {
            return StepOutcome.refused(answer, "tapio does not know application " + applicationId + "; check applicationIds ("
                    + answer.describe() + ")");
        }
        if (!answer.ok() || answer.body() == null) {
            return StepOutcome.failed(answer, "reading application " + applicationId);
        }
        String needed = connected ? CONNECTED : LIMITED;
        java.util.List<String> capabilities = new java.util.ArrayList<>();
        answer.body().path("capabilities").forEach(c -> capabilities.add(c.asText()));
        if (!capabilities.contains(needed)) {
            return StepOutcome.refused(answer, "application " + applicationId + " cannot take " + (connected ? "connected" : "limited")
                    + " machines: it lacks " + needed + " (capabilities " + capabilities + ")");
        }
        return StepOutcome.done(answer, needed);
    }

    /** The licence for this application bound to the machine: found, or created. Result: the licence id. */
    StepOutcome license(String applicationId, String tmid, MachineRow row) throws TransportException, InterruptedException {
        TapioPath path = TapioPath.of(LICENSE, applicationId, tmid);
        TapioAnswer existing = tapio.get(DEVELOPER, path);
        if (existing.ok() && existing.body() != null) {
            return found(existing, applicationId, tmid, row);
        }
        if (existing.status() != 404) {
            return StepOutcome.failed(existing, "reading the licence of application " + applicationId + " for machine " + tmid
                    + " with the developer client (tapio.developer.client-id)");
        }
        ObjectNode data = tapio.json().createObjectNode();
        data.putObject("data")
                .put("name", row.value(MachineColumn.LICENSE_NAME))
                .put("issuedAt", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("machineCount", row.has(MachineColumn.MACHINE_COUNT) ? Integer.parseInt(row.value(MachineColumn.MACHINE_COUNT)) : 1)
                .put("serialNumber", row.value(MachineColumn.LICENSE_SERIAL_NUMBER))
                .put("validFrom", row.value(MachineColumn.LICENSE_VALID_FROM) + "T00:00:00")
                .put("validTo", row.value(MachineColumn.LICENSE_VALID_TO) + "T00:00:00");
        TapioAnswer created = tapio.post(DEVELOPER, path, data);
        if (created.status() == 201 || created.status() == 200) {
            return StepOutcome.done(created, created.body() == null ? "" : created.body().path("id").asText(""));
        }
        if (created.status() == 409) {
            TapioAnswer again = tapio.get(DEVELOPER, path); // created by an earlier run that got no answer
            if (again.ok() && again.body() != null) {
                return found(again, applicationId, tmid, row);
            }
        }
        return StepOutcome.failed(created, "creating the licence of application " + applicationId + " for machine " + tmid
                + " with the developer client (tapio.developer.client-id)");
    }

    /**
     * A licence that exists already is used as it is: tapio offers no route to change one. When its data differ from
     * what the row asks for, the row is DONE with a warning naming both values, so that nobody believes the ERP's
     * dates are in force.
     */
    private static StepOutcome found(TapioAnswer answer, String applicationId, String tmid, MachineRow row) {
        JsonNode data = answer.body().path("data");
        java.util.List<String> differences = new java.util.ArrayList<>();
        differ(differences, "name", data.path("name").asText(""), row.value(MachineColumn.LICENSE_NAME));
        differ(differences, "serialNumber", data.path("serialNumber").asText(""), row.value(MachineColumn.LICENSE_SERIAL_NUMBER));
        differ(differences, "machineCount", data.path("machineCount").asText(""),
                row.has(MachineColumn.MACHINE_COUNT) ? row.value(MachineColumn.MACHINE_COUNT) : "1");
        differ(differences, "validFrom", day(data.path("validFrom").asText("")), row.value(MachineColumn.LICENSE_VALID_FROM));
        differ(differences, "validTo", day(data.path("validTo").asText("")), row.value(MachineColumn.LICENSE_VALID_TO));
        String id = answer.body().path("id").asText("");
        if (differences.isEmpty()) {
            return StepOutcome.done(answer, id);
        }
        return StepOutcome.done(answer, id, "warning: the licence of application " + applicationId + " for machine " + tmid
                + " exists with other data, which tapio does not let tap-bridge change: " + String.join(", ", differences)
                + "; the existing licence is in force");
    }

    private static void differ(java.util.List<String> differences, String field, String existing, String asked) {
        if (!existing.equals(asked)) {
            differences.add(field + " " + Shown.quoted(existing) + " (the row asks " + Shown.quoted(asked) + ")");
        }
    }

    /** "2027-03-30T00:00:00" → "2027-03-30". */
    private static String day(String time) {
        return time.length() >= 10 ? time.substring(0, 10) : time;
    }

    StepOutcome acceptTerms(String subscriptionId, String applicationId, MachineRow row) throws TransportException, InterruptedException {
        ObjectNode terms = tapio.json().createObjectNode();
        RequestFields.putIfGiven(terms, row, MachineColumn.TERMS_VERSION, "versionNumber");
        terms.put("contractNumber", row.value(MachineColumn.CONTRACT_NUMBER));
        RequestFields.putIfGiven(terms, row, MachineColumn.TERMS_LANGUAGE, "acceptedLanguage");
        TapioAnswer answer = tapio.put(MANUFACTURER, TapioPath.of("/management/manufacturer/customerSubscriptions/%s/applications/%s/termsofuse",
                subscriptionId, applicationId), terms);
        return answer.ok() ? StepOutcome.done(answer, answer.status() == 201 ? "accepted" : "accepted before")
                : StepOutcome.failed(answer, "accepting the terms of use of application " + applicationId);
    }

    StepOutcome assign(String tmid, String subscriptionId, String applicationId) throws TransportException, InterruptedException {
        ObjectNode body = tapio.json().createObjectNode().put("customerSubscriptionId", subscriptionId).put("applicationId", applicationId);
        TapioAnswer answer = tapio.put(MANUFACTURER, TapioPath.of(ASSIGNMENT, tmid), body);
        if (answer.ok()) {
            return StepOutcome.done(answer, "assigned");
        }
        if (answer.status() == 404) {
            return StepOutcome.refused(answer, "assigning machine " + tmid + " to application " + applicationId + " refused: tapio has no free"
                    + " licence of that application in the customer's subscription, or the machine is not onboarded there ("
                    + answer.describe() + ")");
        }
        return StepOutcome.failed(answer, "assigning machine " + tmid + " to application " + applicationId);
    }

    /** 404 means it was not assigned: done as well. */
    StepOutcome unassign(String tmid, String subscriptionId, String applicationId) throws TransportException, InterruptedException {
        TapioAnswer answer = tapio.delete(MANUFACTURER, TapioPath.of(ASSIGNMENT + "?applicationId=%s&customerSubscriptionId=%s",
                tmid, applicationId, subscriptionId));
        if (answer.ok()) {
            return StepOutcome.done(answer, "unassigned");
        }
        if (answer.status() == 404) {
            return StepOutcome.done(answer, "unassigned", "machine " + tmid + " was not assigned to application " + applicationId);
        }
        return StepOutcome.failed(answer, "unassigning machine " + tmid + " from application " + applicationId);
    }
}
