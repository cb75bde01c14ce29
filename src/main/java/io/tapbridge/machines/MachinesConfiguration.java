package io.tapbridge.machines;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.intake.IntakeConfiguration;
import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.ledger.MachineRows;
import io.tapbridge.ledger.MachineSteps;
import io.tapbridge.outbox.OutboxConfiguration;
import io.tapbridge.settings.Settings;
import io.tapbridge.tapio.TapioConfiguration;
import org.apache.camel.spi.Registry;

/**
 * The machines flow ({@code routes/machines.yaml}): machines files → checked rows → tapio steps (machine, customer,
 * onboarding, licences, terms, assignments, connector, mail) → status files. Binds the beans its routes name.
 */
public final class MachinesConfiguration {

    /** What the prod profile must be given. */
    public static final java.util.List<String> PRODUCTION_REQUIRED = java.util.List.of("tapio.manufacturer-id");

    private MachinesConfiguration() {
    }

    /** @return the flow's inbox */
    public static Path wire(Settings settings, LedgerConfiguration ledger, IntakeConfiguration intake, OutboxConfiguration outbox,
            TapioConfiguration tapio, Registry registry) throws Exception {
        MachineRows rows = new MachineRows(ledger.database().jdbi(), new ObjectMapper(), ledger.clock(), ledger.instance(),
                settings.duration("tapio.lease"));
        MachineSteps steps = new MachineSteps(ledger.database().jdbi(), rows);
        MachineRowRules rules = new MachineRowRules(settings.listFile("tapio.time-zones-file"), settings.listFile("tapio.device-subtypes-file"));
        registry.bind("machineRows", rows);
        registry.bind("machineFileStager", new MachineFileStager(intake.staging(), rows, rules));
        registry.bind("machineWork", new MachineWork(tapio.client(), rows, steps, rules, settings.text("tapio.manufacturer-id"),
                new CustomerMail(Path.of(settings.text("tapio.mail-templates"))), outbox.outbox(), tapio.backoff(), ledger.clock()));
        outbox.results("machineResults", MachineFileStager.FLOW, new MachineResultFiles(ledger.files(), rows, steps, outbox.outbox()));
        return intake.inbox("machines");
    }
}
