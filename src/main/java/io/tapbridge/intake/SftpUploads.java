package io.tapbridge.intake;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the copies of result files and error reasons to the SFTP server go ({@code routes/erp-sftp.yaml}): the last
 * failure, until a copy works again, for the readiness check; each failure logged once a file and poll.
 */
public final class SftpUploads {

    private static final Logger LOG = LoggerFactory.getLogger(SftpUploads.class);

    private final String server;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    SftpUploads(String server) {
        this.server = server;
    }

    public void copied(String name) {
        if (lastFailure.getAndSet(null) != null) {
            LOG.info("Copies to {} work again ({})", server, name);
        }
    }

    public void failed(String name, Exception e) {
        String why = name + " could not be copied to " + server + ", tried again at the next poll: " + e.getMessage();
        lastFailure.set(why);
        LOG.warn(why);
    }

    /** Why the last copy failed, while no copy has worked since. */
    public Optional<String> problem() {
        return Optional.ofNullable(lastFailure.get());
    }
}
