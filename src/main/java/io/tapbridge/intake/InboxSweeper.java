package io.tapbridge.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import io.tapbridge.model.Shown;
import io.tapbridge.outbox.OutboxFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves files whose names the file consumer cannot carry out of the inboxes: a backslash (read as a folder, so the
 * file is never found) or a control character such as a line break. Each goes to error/ under a clean name, with
 * {@code <clean name>.error.txt} beside it naming the file as it was, and is logged once; left alone, it would lie
 * in the inbox for ever. The intake routes' include patterns skip these names, so only this sweeper sees them.
 */
public final class InboxSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(InboxSweeper.class);

    private final List<Path> inboxes;
    private final Path error;
    private final Set<PosixFilePermission> permissions;

    public InboxSweeper(List<Path> inboxes, Path error, Set<PosixFilePermission> permissions) {
        this.inboxes = List.copyOf(inboxes);
        this.error = error;
        this.permissions = permissions;
    }

    public void sweep() {
        for (Path inbox : inboxes) {
            if (!Files.isDirectory(inbox)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox, p -> ErpFileNames.unreadable(p.getFileName().toString()))) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        park(inbox, file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + inbox, e);
            }
        }
    }

    private void park(Path inbox, Path file) throws IOException {
        String name = file.getFileName().toString();
        String clean = ErpFileNames.clean(name);
        Files.createDirectories(error);
        Files.move(file, error.resolve(clean), StandardCopyOption.REPLACE_EXISTING);
        String reason = Shown.quoted(name) + " in " + inbox.getFileName() + " was not read: " + ErpFileNames.problem(name)
                + "; it was moved here as " + clean;
        OutboxFile.writeText(error.resolve(clean + ".error.txt"), reason + System.lineSeparator(), permissions);
        LOG.warn("{}", reason);
    }
}
