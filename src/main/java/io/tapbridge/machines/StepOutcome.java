package io.tapbridge.machines;

import io.tapbridge.tapio.TapioAnswer;

/**
 * How one step of a machine row ended: done (with what it produced), refused by tapio or by a rule (the row fails
 * there), or interrupted (no answer, throttled, a 5xx: the row is taken up again later at this step).
 *
 * @param answer the decisive call's answer; null for a step decided without a call
 */
record StepOutcome(Kind kind, String result, TapioAnswer answer, String message) {

    enum Kind {
        /** The step did its work (or found it done). */
        DONE,
        /** tapio or a rule refused: the row fails here. */
        REFUSED,
        /** For now only: the row is taken up again later at this step. */
        INTERRUPTED,
        /** The row's claim lapsed and another copy works it now: this one stops without a word. */
        LOST
    }

    static StepOutcome done(TapioAnswer answer, String result) {
        return new StepOutcome(Kind.DONE, result, answer, null);
    }

    static StepOutcome done(TapioAnswer answer, String result, String note) {
        return new StepOutcome(Kind.DONE, result, answer, note);
    }

    static StepOutcome refused(TapioAnswer answer, String reason) {
        return new StepOutcome(Kind.REFUSED, null, answer, reason);
    }

    /** A 4xx that is the data's fault, or a 429/5xx that will pass: which one is read off the answer. */
    static StepOutcome failed(TapioAnswer answer, String what) {
        return answer.transientFailure()
                ? new StepOutcome(Kind.INTERRUPTED, null, answer, what + " failed for now (" + answer.describe() + ")")
                : refused(answer, what + " refused by tapio (" + answer.describe() + ")");
    }
}
