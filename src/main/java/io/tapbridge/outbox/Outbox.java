package io.tapbridge.outbox;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;

/**
 * The ERP's {@code outbox/}: every flow writes its result files through this one bean, each atomically (temporary
 * name, then rename) with the permissions configured for the ERP ({@code erp.outbox.file-permissions}); files
 * holding credentials with the owner's only. Values a spreadsheet would run as a formula are neutralised when
 * {@code erp.outbox.neutralise-formulas} says so.
 */
public final class Outbox {

    /** Prints the records of one CSV result file. */
    @FunctionalInterface
    public interface Records {
        void print(Consumer<List<String>> record);
    }

    private final Path dir;
    private final Set<PosixFilePermission> permissions;
    private final boolean neutraliseFormulas;

    public Outbox(Path dir, Set<PosixFilePermission> permissions, boolean neutraliseFormulas) {
        this.dir = dir;
        this.permissions = Set.copyOf(permissions);
        this.neutraliseFormulas = neutraliseFormulas;
    }

    public Path dir() {
        return dir;
    }

    /** A CSV file with a header row at {@code name} (relative to outbox/). */
    public void writeCsv(String name, List<String> header, Records records) {
        OutboxFile.writeCsv(dir.resolve(name), permissions, header,
                printer -> records.print(record -> OutboxFile.print(printer, record, neutraliseFormulas)));
    }

    /** A file that holds credentials, readable by the owner only. */
    public void writeSecret(String name, String text) {
        OutboxFile.writeText(dir.resolve(name), text, OutboxFile.OWNER_ONLY);
    }

    /** See {@link OutboxFile#baseName}: the input's name, or {@code <name>.<fileId>} once a later file took the name. */
    public String baseName(ErpFiles files, ErpFile file, String... suffixes) {
        return OutboxFile.baseName(files, dir, file, suffixes);
    }
}
