package io.tapbridge.machines;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tapbridge.http.Backoff;
import io.tapbridge.ledger.MachineRow;
import io.tapbridge.ledger.MachineRows;
import io.tapbridge.ledger.MachineSteps;
import io.tapbridge.model.MachineColumn;
import io.tapbridge.outbox.Outbox;
import io.tapbridge.tapio.TapioAnswer;
import io.tapbridge.tapio.TapioClient;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one claimed machine row through its steps in tapio, as its action asks:
 * <ul>
 * <li><b>register</b>: create the machine (or adopt and patch it), find or create the customer, onboard, rename
 * for the customer, and per application: capability, licence (developer client), terms of use, assignment; then
 * the CloudConnector with its configuration, and the customer mail;</li>
 * <li><b>unassign</b>: remove the machine from the listed applications;</li>
 * <li><b>offboard</b>: unassign it from every application it is assigned to, then offboard;</li>
 * <li><b>delete</b>: delete a machine that was never onboarded.</li>
 * </ul>
 * Every step is idempotent and recorded; a refused step fails the row with tapio's answer, a transient failure
 * leaves it due again later at the same step.
 */
public final class MachineWork {

    private static final Logger LOG = LoggerFactory.getLogger(MachineWork.class);

    private final MachineRows rows;
    private final MachineSteps steps;
    private final MachineCalls machines;
    private final CustomerCalls customers;
    private final LicensingCalls licensing;
    private final ConnectorCalls connectors;
    private final Backoff backoff;
    private final Clock clock;

    private final MachineRowRules rules;

    public MachineWork(TapioClient tapio, MachineRows rows, MachineSteps steps, MachineRowRules rules, String manufacturerId,
            CustomerMail mail, Outbox outbox, Backoff backoff, Clock clock) {
        this.rules = rules;
        this.rows = rows;
        this.steps = steps;
        this.machines = new MachineCalls(tapio, manufacturerId);
        this.customers = new CustomerCalls(tapio, mail);
        this.licensing = new LicensingCalls(tapio, clock);
        this.connectors = new ConnectorCalls(tapio, machines, outbox, steps);
        this.backoff = backoff;
        this.clock = clock;
    }

    /** Creates the machine, makes sure its customer exists, onboards, licenses, accepts terms, assigns. */
    public void register(@Body MachineRow row) throws InterruptedException {
        work(row, this::registerSteps);
    }

    /** Removes the machine from the listed applications. */
    public void unassign(@Body MachineRow row) throws InterruptedException {
        work(row, this::unassignSteps);
    }

    /** Unassigns the machine from every application, then takes it out of the customer's subscription. */
    public void offboard(@Body MachineRow row) throws InterruptedException {
        work(row, this::offboardSteps);
    }

    /** Deletes a machine that was never onboarded. */
    public void delete(@Body MachineRow row) throws InterruptedException {
        work(row, this::deleteSteps);
    }

    /** The steps of one action. */
    @FunctionalInterface
    private interface Steps {
        void run(MachineRun run) throws MachineRun.Stop, InterruptedException;
    }

    /** Runs a claimed row's steps, and records where they ended: done, failed, or to be tried again. */
    private void work(MachineRow row, Steps steps) throws InterruptedException {
        if (!rows.start(row)) {
            LOG.debug("Machine row {} is no longer this claim's (lease lapsed, or finished): left alone", row.id());
            return;
        }
        MachineRun run = new MachineRun(row, this.steps, clock);
        try {
            steps.run(run);
            rows.finish(row, MachineRow.DONE, run.lastStep(), run.notes());
            LOG.info("Machine {} (file #{}, row {}): {} done", row.serialNumber(), row.fileId(), row.rowNumber(), row.action().toLowerCase(java.util.Locale.ROOT));
        } catch (MachineRun.Stop stop) {
            if (stop.outcome.kind() == StepOutcome.Kind.LOST) {
                LOG.warn("Machine {} (file #{}, row {}): its claim lapsed during {}; the copy claimed since goes on", row.serialNumber(),
                        row.fileId(), row.rowNumber(), stop.step);
            } else if (stop.outcome.kind() == StepOutcome.Kind.INTERRUPTED) {
                TapioAnswer answer = stop.outcome.answer();
                java.time.Duration wait = backoff.delay(row.attempts() + 1, answer == null ? null : answer.retryAfter());
                rows.retryAt(row, stop.step, clock.instant().plus(wait), stop.getMessage() + "; trying again in " + wait.toSeconds() + " s");
                LOG.warn("Machine {} (file #{}, row {}) at {}: {}; trying again in {} ms", row.serialNumber(), row.fileId(),
                        row.rowNumber(), stop.step, stop.getMessage(), wait.toMillis());
            } else {
                rows.finish(row, MachineRow.FAILED, stop.step, stop.getMessage());
                LOG.warn("Machine {} (file #{}, row {}) failed at {}: {}", row.serialNumber(), row.fileId(), row.rowNumber(),
                        stop.step, stop.getMessage());
            }
        }
    }

    private void registerSteps(MachineRun run) throws MachineRun.Stop, InterruptedException {
        MachineRow row = run.row;
        boolean customerNumber = row.has(MachineColumn.CUSTOMER_NUMBER);
        // the customer first: a new customer whose values tapio would refuse fails the row before anything is written
        boolean newCustomer = customerNumber && findOrCheckNewCustomer(run);
        run.step("CREATE_MACHINE", null, () -> machines.create(row), run::tmid);
        if (customerNumber) {
            if (newCustomer) {
                run.step("CREATE_CUSTOMER", null, () -> customers.create(row), run::subscriptionId);
            }
            onboard(run);
        }
        List<MachineRun.Stop> refusals = new ArrayList<>();
        for (String app : applications(row)) {
            licenseAndAssign(run, app, refusals);
        }
        if (MachineRowRules.yes(row.fields(), MachineColumn.CLOUD_CONNECTOR)) {
            String name = row.has(MachineColumn.CLOUD_CONNECTOR_NAME) ? row.value(MachineColumn.CLOUD_CONNECTOR_NAME) : row.value(MachineColumn.DISPLAY_NAME);
            String ccid = run.step("CONNECTOR", null, () -> connectors.create(run.tmid(), name));
            // an earlier row stored it already (tapio serves it for one hour only): nothing to fetch again
            run.step("CONNECTOR_CONFIGURATION", null, () -> connectors.configuration(ccid, run.tmid()));
        }
        if (!refusals.isEmpty()) {
            // the row fails at the first refused step, and says what every refused application answered
            throw new MachineRun.Stop(refusals.get(0).step, StepOutcome.refused(null,
                    String.join("; ", refusals.stream().map(Throwable::getMessage).toList())));
        }
        if (MachineRowRules.yes(row.fields(), MachineColumn.NOTIFY_CUSTOMER)
                && !steps.everDone(run.tmid(), "MAIL", run.subscriptionId())) {
            run.step("MAIL", null, () -> customers.notify(run.subscriptionId(), row, run.tmid(), machineName(row)));
        }
    }

    /** The application steps; a refusal of one application does not stop the others: the row fails at the end. */
    private void licenseAndAssign(MachineRun run, String app, List<MachineRun.Stop> refusals) throws MachineRun.Stop, InterruptedException {
        MachineRow row = run.row;
        boolean connected = !row.has(MachineColumn.IS_TAPIO_READY) || MachineRowRules.yes(row.fields(), MachineColumn.IS_TAPIO_READY);
        try {
            run.step("CAPABILITY", app, () -> licensing.capability(app, connected));
            run.step("LICENSE", app, () -> licensing.license(app, run.tmid(), row));
            if (run.subscriptionId() != null) {
                run.step("TERMS", app, () -> licensing.acceptTerms(run.subscriptionId(), app, row));
                run.step("ASSIGN", app, () -> licensing.assign(run.tmid(), run.subscriptionId(), app));
            }
        } catch (MachineRun.Stop stop) {
            if (stop.outcome.kind() != StepOutcome.Kind.REFUSED) {
                throw stop;
            }
            refusals.add(stop);
        }
    }

    /** FIND_CUSTOMER: the customer's subscription id, learnt by the run, or "" when tapio has no such customer. */
    private String findCustomer(MachineRun run, String number) throws MachineRun.Stop, InterruptedException {
        return run.step("FIND_CUSTOMER", null, () -> customers.find(number), id -> {
            if (!id.isEmpty()) {
                run.subscriptionId(id);
            }
        });
    }

    /** FIND_CUSTOMER; when tapio has none, the new customer's values are checked before any write. True: a new customer. */
    private boolean findOrCheckNewCustomer(MachineRun run) throws MachineRun.Stop, InterruptedException {
        MachineRow row = run.row;
        String number = row.value(MachineColumn.CUSTOMER_NUMBER);
        String found = findCustomer(run, number);
        if (found.isEmpty() && !run.finished("CREATE_CUSTOMER", null)) {
            List<String> problems = rules.newCustomerProblems(row.fields());
            if (!problems.isEmpty()) {
                throw new MachineRun.Stop("CREATE_CUSTOMER", StepOutcome.refused(null, "customer " + number
                        + " is not in tapio, and it cannot be created: " + String.join("; ", problems) + "; nothing was written for this row"));
            }
        }
        return found.isEmpty();
    }

    private void onboard(MachineRun run) throws MachineRun.Stop, InterruptedException {
        String name = machineName(run.row);
        String set = run.step("ONBOARD", null, () -> machines.onboard(run.tmid(), run.subscriptionId(), name));
        // onboarded before (200): the customer's name for it is whatever was set then; rename unless we set this one
        if (set.isEmpty() && !name.equals(steps.customerMachineName(run.tmid(), run.subscriptionId()).orElse(null))) {
            run.step("RENAME", null, () -> machines.rename(run.tmid(), run.subscriptionId(), name));
        }
    }

    private void unassignSteps(MachineRun run) throws MachineRun.Stop, InterruptedException {
        locate(run);
        for (String app : applications(run.row)) {
            run.step("UNASSIGN", app, () -> licensing.unassign(run.tmid(), run.subscriptionId(), app));
        }
    }

    private void offboardSteps(MachineRun run) throws MachineRun.Stop, InterruptedException {
        locate(run);
        Set<String> apps = new LinkedHashSet<>(applications(run.row));
        apps.addAll(steps.assignedApplications(run.tmid(), run.subscriptionId()));
        for (String app : apps) {
            run.step("UNASSIGN", app, () -> licensing.unassign(run.tmid(), run.subscriptionId(), app));
        }
        run.step("OFFBOARD", null, () -> machines.offboard(run.tmid()));
    }

    private void deleteSteps(MachineRun run) throws MachineRun.Stop, InterruptedException {
        run.tmid(machines.tmidOf(run.row));
        if (steps.onboardedByBridge(run.tmid())) {
            // known here already: no need to ask tapio to refuse it
            throw new MachineRun.Stop("DELETE_MACHINE", StepOutcome.refused(null, "machine " + run.tmid() + " cannot be deleted: tap-bridge"
                    + " onboarded it for a customer, and tapio deletes only machines that were never onboarded; use action offboard"));
        }
        run.step("DELETE_MACHINE", null, () -> machines.delete(run.tmid()));
    }

    /** The machine's tmid, and the customer subscription it is in: the row's customer, or where this bridge onboarded it. */
    private void locate(MachineRun run) throws MachineRun.Stop, InterruptedException {
        run.tmid(machines.tmidOf(run.row));
        if (run.row.has(MachineColumn.CUSTOMER_NUMBER)) {
            String number = run.row.value(MachineColumn.CUSTOMER_NUMBER);
            String found = findCustomer(run, number);
            if (found.isEmpty()) {
                throw new MachineRun.Stop("FIND_CUSTOMER", StepOutcome.refused(null, "customer " + number + " is not in tapio"));
            }
        } else {
            rows.lastSubscriptionOf(run.tmid()).ifPresent(run::subscriptionId);
            if (run.subscriptionId() == null) {
                throw new MachineRun.Stop("FIND_CUSTOMER", StepOutcome.refused(null, "no customerNumber given, and tap-bridge never"
                        + " onboarded machine " + run.tmid() + ": name the customer whose subscription it is in"));
            }
        }
    }

    private static List<String> applications(MachineRow row) {
        if (!row.has(MachineColumn.APPLICATION_IDS)) {
            return List.of();
        }
        List<String> apps = new ArrayList<>();
        for (String id : row.value(MachineColumn.APPLICATION_IDS).split("\\|")) {
            if (!id.isBlank() && !apps.contains(id.strip().toLowerCase(java.util.Locale.ROOT))) {
                apps.add(id.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return apps;
    }

    private static String machineName(MachineRow row) {
        return row.has(MachineColumn.MACHINE_NAME) ? row.value(MachineColumn.MACHINE_NAME) : row.value(MachineColumn.DISPLAY_NAME);
    }
}
