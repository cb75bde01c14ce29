package io.tapbridge.sandbox.tapio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Every API and token request, in arrival order; an entry gets its status when the answer is sent. */
final class CallLog {

    /** A call in flight; role and status are written by the event loop and read by snapshots. */
    static final class Entry {
        private final String method;
        private final String path;
        private final String query;
        private volatile ClientRole role;
        private volatile int status;

        private Entry(String method, String path, String query, ClientRole role) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.role = role;
        }

        void role(ClientRole role) {
            this.role = role;
        }

        void complete(int status) {
            this.status = status;
        }

        TapioCall snapshot() {
            ClientRole r = role;
            return new TapioCall(method, path, query, r == null ? null : r.wireName(), status);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized Entry arrive(String method, String path, String query, ClientRole role) {
        Entry e = new Entry(method, path, query, role);
        entries.add(e);
        return e;
    }

    synchronized List<TapioCall> snapshot() {
        return entries.stream().map(Entry::snapshot).toList();
    }

    /** Calls whose method matches ({@code null} or "*" for any) and whose whole path matches the regex. */
    synchronized long count(String method, String pathRegex) {
        Pattern path = Pattern.compile(pathRegex);
        return entries.stream()
                .filter(e -> method == null || "*".equals(method) || e.method.equals(method.toUpperCase(Locale.ROOT)))
                .filter(e -> path.matcher(e.path).matches())
                .count();
    }

    synchronized void clear() {
        entries.clear();
    }
}
