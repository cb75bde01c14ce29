package io.tapbridge.sandbox;

import java.util.List;

/**
 * A business error of a procedure: HTTP 400 with the TAP error body. The problems are kept as a list;
 * {@link ApiProcedure#errorsAsArray()} decides whether they travel as an array or as one string.
 */
final class TapError extends Exception {

    private final List<String> problems;

    TapError(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a TapError needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    TapError(String problem) {
        this(List.of(problem));
    }

    List<String> problems() {
        return problems;
    }

    static void throwIfAny(List<String> problems) throws TapError {
        if (!problems.isEmpty()) {
            throw new TapError(problems);
        }
    }
}
