package io.tapbridge.machines;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.MachineRow;
import io.tapbridge.ledger.MachineStep;
import io.tapbridge.ledger.MachineSteps;
import io.tapbridge.tapio.TapioAnswer;

/**
 * One run of a machine row: takes its steps in order, skipping those an earlier run finished, and records every
 * step it takes with its outcome, so that a stop at any point resumes at the step where it stopped.
 */
final class MachineRun {

    /** A step the run cannot go past: the row fails at it, or waits and is taken up again there. */
    static final class Stop extends Exception {
        final String step;
        final StepOutcome outcome;

        Stop(String step, StepOutcome outcome) {
            super(outcome.message(), null, false, false);
            this.step = step;
            this.outcome = outcome;
        }
    }

    @FunctionalInterface
    interface Call {
        StepOutcome run() throws TransportException, InterruptedException;
    }

    final MachineRow row;
    private final Map<String, String> finished;
    private final MachineSteps steps;
    private final Clock clock;
    private final List<String> notes = new ArrayList<>();
    private String tmid;
    private String subscriptionId;
    private String lastStep;

    MachineRun(MachineRow row, MachineSteps steps, Clock clock) {
        this.row = row;
        this.steps = steps;
        this.clock = clock;
        this.finished = steps.finished(row.id());
        this.tmid = row.tmid();
        this.subscriptionId = row.customerSubscriptionId();
        if (row.message() != null && !row.message().isBlank() && row.attempts() == 0) {
            notes.add(row.message()); // warnings from intake
        }
    }

    /** Takes the step unless an earlier run finished it; answers what it produced ("" when nothing). */
    String step(String name, String applicationId, Call call) throws Stop, InterruptedException {
        return step(name, applicationId, call, result -> { });
    }

    /** As {@link #step(String, String, Call)}; {@code learn} takes the result before it is recorded (a tmid, a subscription). */
    String step(String name, String applicationId, Call call, java.util.function.Consumer<String> learn) throws Stop, InterruptedException {
        String key = MachineStep.key(name, applicationId);
        lastStep = key;
        if (finished.containsKey(key)) {
            String result = finished.get(key);
            learn.accept(result);
            return result;
        }
        Instant started = clock.instant();
        StepOutcome outcome;
        try {
            outcome = call.run();
        } catch (TransportException e) {
            outcome = new StepOutcome(e.permanent() ? StepOutcome.Kind.REFUSED : StepOutcome.Kind.INTERRUPTED, null, null, e.getMessage());
        } catch (RuntimeException e) {
            // e.g. the connector configuration could not be written: recorded, and tried again, not left unexplained
            outcome = new StepOutcome(StepOutcome.Kind.INTERRUPTED, null, null, name + " failed in tap-bridge: " + e);
        }
        TapioAnswer answer = outcome.answer();
        String result = outcome.result() == null ? "" : outcome.result();
        if (outcome.kind() == StepOutcome.Kind.DONE) {
            learn.accept(result);
        }
        String recorded = switch (outcome.kind()) {
            case DONE -> MachineStep.DONE;
            case REFUSED, LOST -> MachineStep.FAILED;
            case INTERRUPTED -> MachineStep.RETRY;
        };
        boolean ours = steps.record(row, new MachineStep(name, applicationId, recorded, outcome.kind() == StepOutcome.Kind.DONE ? result : null,
                answer == null ? null : answer.method(), answer == null ? null : answer.path(), answer == null ? null : answer.status(),
                outcome.message(), started, (int) Duration.between(started, clock.instant()).toMillis()), tmid, subscriptionId);
        if (!ours) {
            throw new Stop(key, new StepOutcome(StepOutcome.Kind.LOST, null, answer, "the row's claim lapsed; another copy works it"));
        }
        if (outcome.kind() != StepOutcome.Kind.DONE) {
            throw new Stop(key, outcome);
        }
        if (outcome.message() != null) {
            notes.add(outcome.message());
        }
        finished.put(key, result);
        return result;
    }

    boolean finished(String name, String applicationId) {
        return finished.containsKey(MachineStep.key(name, applicationId));
    }

    void tmid(String tmid) {
        this.tmid = tmid;
    }

    String tmid() {
        return tmid;
    }

    void subscriptionId(String subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    String subscriptionId() {
        return subscriptionId;
    }

    String lastStep() {
        return lastStep;
    }

    void note(String note) {
        notes.add(note);
    }

    String notes() {
        return notes.isEmpty() ? null : String.join("; ", notes);
    }
}
