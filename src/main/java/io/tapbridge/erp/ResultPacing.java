package io.tapbridge.erp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a status file may be rewritten: changes are coalesced, and a file is rewritten at most once per
 * {@value #PACE} times its last write took, so that a large file never monopolises a core. What was written
 * counts as written up to a moment a little in the past: a change stamped just before may commit while the
 * file is read, and is then taken again next time.
 */
final class ResultPacing {

    private static final Duration COMMIT_MARGIN = Duration.ofSeconds(2);
    private static final int PACE = 4;

    private final Map<Long, Instant> notBefore = new ConcurrentHashMap<>();

    boolean due(long fileId, Instant now) {
        return !now.isBefore(notBefore.getOrDefault(fileId, Instant.MIN));
    }

    /** The moment up to which a write starting {@code now} shows every change. */
    Instant upTo(Instant now) {
        return now.minus(COMMIT_MARGIN);
    }

    void written(long fileId, Instant started, Instant finished) {
        notBefore.put(fileId, finished.plus(Duration.between(started, finished).multipliedBy(PACE)));
    }

    void forget(long fileId) {
        notBefore.remove(fileId);
    }
}
