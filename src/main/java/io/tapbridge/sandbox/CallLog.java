package io.tapbridge.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every API and token request, in arrival order; an entry is completed when its answer is sent. */
final class CallLog {

    /** A call in flight; its fields are written by the event loop and read by snapshots. */
    static final class Entry {
        private final Instant at;
        private final String method;
        private final String path;
        private volatile String procName;
        private volatile int httpStatus;
        private volatile String uniqueId;

        private Entry(Instant at, String method, String path) {
            this.at = at;
            this.method = method;
            this.path = path;
        }

        void procName(String procName) {
            this.procName = procName;
        }

        String procName() {
            return procName;
        }

        void complete(int httpStatus, String uniqueId) {
            this.uniqueId = uniqueId;
            this.httpStatus = httpStatus;
        }

        RecordedCall snapshot() {
            return new RecordedCall(at, method, path, procName, httpStatus, uniqueId);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized Entry arrive(Instant at, String method, String path) {
        Entry e = new Entry(at, method, path);
        entries.add(e);
        return e;
    }

    synchronized List<RecordedCall> snapshot() {
        return entries.stream().map(Entry::snapshot).toList();
    }

    synchronized long count(String procName) {
        return entries.stream().filter(e -> procName.equals(e.procName())).count();
    }

    synchronized void clear() {
        entries.clear();
    }
}
