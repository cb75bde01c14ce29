package io.tapbridge.machines;

import static io.tapbridge.tapio.TapioClient.Client.MANUFACTURER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.MachineRow;
import io.tapbridge.model.MachineColumn;
import io.tapbridge.tapio.TapioAnswer;
import io.tapbridge.tapio.TapioClient;
import io.tapbridge.tapio.TapioPath;

/** The machine's own steps: create (or adopt and patch), onboard, rename, offboard, delete. */
final class MachineCalls {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MachineCalls.class);

    private static final String MACHINES = "/management/manufacturer/machines";
    private static final String MACHINE = MACHINES + "/%s";

    private final TapioClient tapio;
    private final String manufacturerId;

    MachineCalls(TapioClient tapio, String manufacturerId) {
        this.tapio = tapio;
        this.manufacturerId = manufacturerId;
    }

    /**
     * The manufacturer id tapio itself used in a tmid it answered (the configured one until tapio shows one): a
     * wrong {@code tapio.manufacturer-id} would have every later look-up ask for machines under a wrong tmid.
     */
    private volatile String shownManufacturerId;

    /** tapio's machine id: the manufacturer's id followed by tmidPostfix (default: the serial number). */
    String tmidOf(MachineRow row) {
        return manufacturerId() + postfix(row);
    }

    private String manufacturerId() {
        String shown = shownManufacturerId;
        return shown == null ? manufacturerId : shown;
    }

    private static String postfix(MachineRow row) {
        return row.has(MachineColumn.TMID_POSTFIX) ? row.value(MachineColumn.TMID_POSTFIX) : row.value(MachineColumn.SERIAL_NUMBER);
    }

    /** Learns the manufacturer id from a tmid tapio answered for this postfix. */
    private void learn(String tmid, String postfix) {
        if (tmid != null && tmid.endsWith(postfix) && tmid.length() > postfix.length()) {
            String shown = tmid.substring(0, tmid.length() - postfix.length());
            if (!shown.equals(manufacturerId())) {
                LOG.warn("tapio answered tmid {}: the manufacturer id is {}, not {} (tapio.manufacturer-id); using tapio's", tmid, shown,
                        manufacturerId);
                shownManufacturerId = shown;
            }
        }
    }

    /** Creates the machine; when it exists (409), reads it and patches only the fields that differ. Result: the tmid. */
    StepOutcome create(MachineRow row) throws TransportException, InterruptedException {
        ObjectNode machine = tapio.json().createObjectNode();
        machine.put("displayName", row.value(MachineColumn.DISPLAY_NAME));
        machine.put("serialNumber", row.value(MachineColumn.SERIAL_NUMBER));
        RequestFields.putIfGiven(machine, row, MachineColumn.DEVICE_TYPE, "deviceType");
        RequestFields.putIfGiven(machine, row, MachineColumn.DEVICE_SUB_TYPE, "deviceSubType");
        // sent also when the ERP leaves it blank: the tmid must be the one tmidOf() expects, whatever tapio's default
        machine.put("tmidPostfix", row.has(MachineColumn.TMID_POSTFIX) ? row.value(MachineColumn.TMID_POSTFIX) : row.value(MachineColumn.SERIAL_NUMBER));
        if (row.has(MachineColumn.IS_TAPIO_READY)) {
            machine.put("isTapioReady", MachineRowRules.yes(row.fields(), MachineColumn.IS_TAPIO_READY));
        }
        TapioAnswer created = tapio.post(MANUFACTURER, MACHINES, machine);
        if (created.status() == 201 || created.status() == 200) {
            String tmid = created.body() == null ? null : created.body().path("tmid").asText(null);
            learn(tmid, postfix(row));
            return StepOutcome.done(created, tmid == null ? tmidOf(row) : tmid);
        }
        if (created.status() != 409) {
            return StepOutcome.failed(created, "creating machine " + row.value(MachineColumn.SERIAL_NUMBER));
        }
        return adopt(tmidOf(row), machine);
    }

    private StepOutcome adopt(String tmid, ObjectNode wanted) throws TransportException, InterruptedException {
        TapioAnswer current = tapio.get(MANUFACTURER, TapioPath.of(MACHINE, tmid));
        if (current.status() == 404) {
            return StepOutcome.refused(current, "tapio says the machine exists (409) but has no machine " + tmid + ": " + tmid
                    + " is tapio.manufacturer-id (" + manufacturerId() + ") followed by the tmidPostfix; set tapio.manufacturer-id to your"
                    + " manufacturer id in tapio, or give the machine's tmidPostfix");
        }
        if (!current.ok() || current.body() == null) {
            return StepOutcome.failed(current, "machine " + tmid + " exists (409) but reading it");
        }
        ArrayNode patch = tapio.json().createArrayNode();
        for (String field : new String[] {"displayName", "deviceType", "deviceSubType", "isTapioReady"}) {
            JsonNode value = wanted.get(field);
            if (value != null && !value.equals(current.body().get(field))) {
                patch.addObject().put("op", "replace").put("path", "/" + field).set("value", value);
            }
        }
        if (patch.isEmpty()) {
            return StepOutcome.done(current, tmid);
        }
        TapioAnswer patched = tapio.patch(MANUFACTURER, TapioPath.of(MACHINE, tmid), patch);
        if (!patched.ok()) {
            return StepOutcome.failed(patched, "updating machine " + tmid);
        }
        StringBuilder fields = new StringBuilder();
        patch.forEach(op -> fields.append(fields.length() == 0 ? "" : ", ").append(op.path("path").asText().substring(1)));
        return StepOutcome.done(patched, tmid, "machine " + tmid + " existed; updated " + fields);
    }

    /** Result: the name the customer sees when set now, "" when the machine was onboarded there before (200). */
    StepOutcome onboard(String tmid, String subscriptionId, String machineName) throws TransportException, InterruptedException {
        ObjectNode body = tapio.json().createObjectNode().put("customerSubscriptionId", subscriptionId).put("machineName", machineName);
        TapioAnswer answer = tapio.put(MANUFACTURER, TapioPath.of(MACHINE + "/onboarding", tmid), body);
        if (answer.status() == 201) {
            return StepOutcome.done(answer, machineName);
        }
        if (answer.status() == 200) {
            return StepOutcome.done(answer, "");
        }
        return StepOutcome.failed(answer, "onboarding machine " + tmid + " for customer subscription " + subscriptionId);
    }

    StepOutcome rename(String tmid, String subscriptionId, String machineName) throws TransportException, InterruptedException {
        ObjectNode body = tapio.json().createObjectNode().put("customerSubscriptionId", subscriptionId).put("displayName", machineName);
        TapioAnswer answer = tapio.put(MANUFACTURER, TapioPath.of(MACHINE + "/renaming", tmid), body);
        return answer.ok() ? StepOutcome.done(answer, machineName) : StepOutcome.failed(answer, "renaming machine " + tmid);
    }

    /** 404 means offboarded already: done as well. */
    StepOutcome offboard(String tmid) throws TransportException, InterruptedException {
        TapioAnswer answer = tapio.delete(MANUFACTURER, TapioPath.of(MACHINE + "/onboarding", tmid));
        if (answer.ok()) {
            return StepOutcome.done(answer, "offboarded");
        }
        if (answer.status() == 404) {
            return StepOutcome.done(answer, "offboarded", "machine " + tmid + " was not onboarded");
        }
        if (answer.status() == 409) {
            return StepOutcome.refused(answer, "offboarding machine " + tmid + " refused: it is still assigned to an application;"
                    + " tap-bridge unassigned the applications of this row and those it had assigned itself, so an application"
                    + " assigned outside tap-bridge remains: name it in applicationIds (" + answer.describe() + ")");
        }
        return StepOutcome.failed(answer, "offboarding machine " + tmid);
    }

    /** Only a machine that was never onboarded can be deleted; 404 means deleted already. */
    StepOutcome delete(String tmid) throws TransportException, InterruptedException {
        TapioAnswer answer = tapio.delete(MANUFACTURER, TapioPath.of(MACHINE, tmid));
        if (answer.ok()) {
            return StepOutcome.done(answer, "deleted");
        }
        if (answer.status() == 404) {
            return StepOutcome.done(answer, "deleted", "machine " + tmid + " did not exist in tapio");
        }
        if (answer.status() == 409) {
            return StepOutcome.refused(answer, "machine " + tmid + " cannot be deleted: tapio deletes only machines that were never"
                    + " onboarded; use action offboard to take it out of the customer's subscription (" + answer.describe() + ")");
        }
        return StepOutcome.failed(answer, "deleting machine " + tmid);
    }

    /** The machine as tapio has it (its CloudConnectors, among others). */
    TapioAnswer read(String tmid) throws TransportException, InterruptedException {
        return tapio.get(MANUFACTURER, TapioPath.of(MACHINE, tmid));
    }
}
