package io.tapbridge.outbox;

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
 * A file for the ERP, written under a temporary name and then renamed, so the ERP never reads half a file; it
 * never exists with wider permissions than asked, not even under its temporary name. Flows write through
 * {@link Outbox}; intake writes its error reasons with this directly.
 */
public final class OutboxFile {

    /** rw------- */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OutboxFile() {
    }

    /**
     * The base name of a file's results in outbox/: the input's name while it is the latest file of that name,
     * {@code <name>.<fileId>} once a later file took the name. When a file takes a name over, the results its
     * predecessor wrote under the plain name are first moved to the predecessor's {@code <name>.<id>}, so that
     * they never vanish under the new file's.
     */
    static String baseName(io.tapbridge.ledger.ErpFiles files, Path outbox, io.tapbridge.ledger.ErpFile file, String... suffixes) {
        if (files.supersededByName(file)) {
            return file.name() + "." + file.id();
        }
        files.previousOfName(file).ifPresent(previous -> {
            for (String suffix : suffixes) {
                Path plain = outbox.resolve(file.name() + suffix);
                Path kept = outbox.resolve(file.name() + "." + previous + suffix);
                try {
                    if (Files.exists(plain) && !Files.exists(kept)) {
                        Files.move(plain, kept, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("Cannot keep " + plain.getFileName() + " as " + kept.getFileName(), e);
                }
            }
        });
        return file.name();
    }

    /** A CSV file with a header row, created with {@code permissions}; {@code rows} prints the records. */
    static void writeCsv(Path target, Set<PosixFilePermission> permissions, List<String> header, Consumer<CSVPrinter> rows) {
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

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-]?\\d+([.,]\\d+)?");

    /**
     * A value as written into a result CSV: control characters other than line breaks and tabs removed; values that
     * a spreadsheet would execute ({@code =HYPERLINK(…)}, {@code +cmd|…}, {@code @SUM(…)}, {@code -2+3}) get a
     * leading {@code '} when {@code neutraliseFormulas}, so that spreadsheets show them as text.
     */
    static String cell(String value, boolean neutraliseFormulas) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String clean = value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                ? value.codePoints().filter(c -> !Character.isISOControl(c) || c == '\n' || c == '\r' || c == '\t')
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
                : value;
        if (neutraliseFormulas && !clean.isEmpty() && "=+-@\t\r".indexOf(clean.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(clean).matches()) {
            return "'" + clean;
        }
        return clean;
    }

    /** One CSV record, for {@link #writeCsv}'s printers; every value passes {@link #cell}. */
    static void print(CSVPrinter printer, List<String> record, boolean neutraliseFormulas) {
        try {
            printer.printRecord(record.stream().map(value -> cell(value, neutraliseFormulas)).toList());
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
