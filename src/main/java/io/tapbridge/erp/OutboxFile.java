package io.tapbridge.erp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A file for the ERP in {@code outbox/}, written under a temporary name and then renamed, so the ERP never reads
 * half a file. Result files get the permissions configured for the ERP ({@code erp.outbox.file-permissions});
 * files holding credentials (CloudConnector configurations) are readable by the owner only.
 */
public final class OutboxFile {

    /** rw------- */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OutboxFile() {
    }

    /** A CSV file with a header row, created with {@code permissions}; {@code rows} prints the records. */
    public static void writeCsv(Path target, Set<PosixFilePermission> permissions, List<String> header, Consumer<CSVPrinter> rows) {
        write(target, permissions, temp -> {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                    CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(writer)) {
                rows.accept(printer);
            }
        });
    }

    /** A text file; it never exists with wider permissions, not even under its temporary name. */
    public static void writeText(Path target, String text, Set<PosixFilePermission> permissions) {
        write(target, permissions, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    /** One CSV record, for {@link #writeCsv}'s printers. */
    public static void print(CSVPrinter printer, List<String> record) {
        try {
            printer.printRecord(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private static void write(Path target, Set<PosixFilePermission> permissions, Content content) {
        try {
            Path folder = target.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
            // set, not requested at creation: the umask would narrow a requested rw-r----- down again
            Files.setPosixFilePermissions(temp, permissions);
            try {
                content.writeTo(temp);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }
}
