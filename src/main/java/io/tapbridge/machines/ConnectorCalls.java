package io.tapbridge.machines;

import static io.tapbridge.tapio.TapioClient.Client.MANUFACTURER;

import java.nio.file.Files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.MachineSteps;
import io.tapbridge.outbox.Outbox;
import io.tapbridge.tapio.TapioAnswer;
import io.tapbridge.tapio.TapioClient;
import io.tapbridge.tapio.TapioPath;

/**
 * The machine's CloudConnector: created once (the create call has no natural key, so the machine is read first:
 * a connector it already has, from an earlier run that got no answer, is not created twice), and its
 * configuration fetched at once, because tapio serves it for one hour only. The configuration holds the
 * connector's credentials: it is written readable by the owner only, to {@code outbox/connectors/<tmid>.xml}.
 */
final class ConnectorCalls {

    private final TapioClient tapio;
    private final MachineCalls machines;
    private final Outbox outbox;
    private final MachineSteps steps;

    /** @param steps the ledger's record of which connector's configuration was stored (never read from the file) */
    ConnectorCalls(TapioClient tapio, MachineCalls machines, Outbox outbox, MachineSteps steps) {
        this.steps = steps;
        this.tapio = tapio;
        this.machines = machines;
        this.outbox = outbox;
    }

    /** Result: the connector's ccid. */
    StepOutcome create(String tmid, String displayName) throws TransportException, InterruptedException {
        TapioAnswer machine = machines.read(tmid);
        if (!machine.ok() || machine.body() == null) {
            return StepOutcome.failed(machine, "reading machine " + tmid + " before creating its CloudConnector");
        }
        JsonNode existing = machine.body().path("cc");
        if (existing.isArray() && !existing.isEmpty()) {
            return StepOutcome.done(machine, existing.get(0).path("ccid").asText(), "machine " + tmid + " has a CloudConnector already");
        }
        ObjectNode connector = tapio.json().createObjectNode().put("displayName", displayName);
        connector.putArray("tmids").add(tmid);
        TapioAnswer created = tapio.post(MANUFACTURER, "/management/manufacturer/connectors", connector);
        if (!created.ok() || created.body() == null || !created.body().hasNonNull("ccid")) {
            return StepOutcome.failed(created, "creating the CloudConnector of machine " + tmid);
        }
        return StepOutcome.done(created, created.body().get("ccid").asText());
    }

    /** Result: the file written. */
    StepOutcome configuration(String ccid, String tmid) throws TransportException, InterruptedException {
        String name = "connectors/" + safe(tmid) + ".xml";
        if (Files.exists(outbox.dir().resolve(name)) && steps.connectorConfigurationStored(ccid)) {
            return StepOutcome.done(null, name, "the configuration of CloudConnector " + ccid
                    + " was stored before");
        }
        TapioAnswer answer = tapio.get(MANUFACTURER, TapioPath.of("/management/manufacturer/connectors/%s/configuration", ccid));
        if (answer.status() == 404) {
            return StepOutcome.refused(answer, "the configuration of CloudConnector " + ccid + " of machine " + tmid + " is no longer"
                    + " served: tapio deletes it one hour after the connector was created, and it was not fetched in time ("
                    + answer.describe() + "); delete the connector in My tapio, and run the row again to have a new one made");
        }
        if (!answer.ok() || answer.text() == null || answer.text().isBlank()) {
            return StepOutcome.failed(answer, "fetching the configuration of CloudConnector " + ccid);
        }
        outbox.writeSecret(name, answer.text());
        return StepOutcome.done(answer, name);
    }

    /** A tmid is the manufacturer's: keep it to file-name characters all the same. */
    private static String safe(String tmid) {
        return tmid.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
