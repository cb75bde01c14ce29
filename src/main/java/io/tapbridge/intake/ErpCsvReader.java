package io.tapbridge.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import io.tapbridge.model.Shown;
import io.tapbridge.model.SourceRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Streams an ERP CSV file record by record in the dialect every ERP file of tap-bridge shares: a header row,
 * {@code ,} or {@code ;} (whichever the header uses), RFC 4180 quoting (quoted delimiters, doubled quotes,
 * quoted line breaks), UTF-8 with or without BOM, header names matched without regard to case.
 *
 * <p>A column the format does not know is an error for the whole file, so that a misspelt optional column never
 * silently drops data. Values are trimmed of surrounding white space.
 */
public final class ErpCsvReader<C extends Enum<C>> implements RowParser<C> {

    private final Class<C> columnType;
    private final Function<String, Optional<C>> columnByName;
    private final Function<C, String> nameOf;
    private final String allowedNames;
    private final Set<C> required;

    /** @param required columns without which no row could be valid */
    public ErpCsvReader(Class<C> columnType, Function<String, Optional<C>> columnByName, Function<C, String> nameOf,
            String allowedNames, Set<C> required) {
        this.required = Set.copyOf(required);
        this.columnType = columnType;
        this.columnByName = columnByName;
        this.nameOf = nameOf;
        this.allowedNames = allowedNames;
    }

    /**
     * Reads every record into {@code sink}, in file order, holding one record at a time.
     *
     * @return the number of records read
     * @throws ErpFileRejected when the stream cannot be read as this format at all
     */
    @Override
    public int parse(InputStream in, Consumer<SourceRow<C>> sink) {
        try {
            BOMInputStream bom = BOMInputStream.builder().setInputStream(in).get();
            BufferedReader reader = new BufferedReader(new Utf8Reader(bom, bom.hasBOM() ? 4 : 1), 1 << 16);
            char delimiter = detectDelimiter(reader);
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setAllowMissingColumnNames(true)
                    .get();
            CSVParser parser = format.parse(reader); // not closed: that would close the caller's stream
            List<C> columns = resolveHeader(parser.getHeaderNames());
            return readRecords(parser, columns, sink);
        } catch (IOException | UncheckedIOException e) {
            throw new ErpFileRejected(describe(e), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ErpFileRejected("line 1: the header cannot be read: " + Shown.clipped(e.getMessage()), e);
        }
    }

    private int readRecords(CSVParser parser, List<C> columns, Consumer<SourceRow<C>> sink) {
        int rows = 0;
        long previousEnd = 1; // the header ends on line 1
        try {
            for (CSVRecord record : parser) {
                rows++;
                long start = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                Map<C, String> values = new EnumMap<>(columnType);
                int n = Math.min(record.size(), columns.size());
                for (int i = 0; i < n; i++) {
                    values.put(columns.get(i), record.get(i).strip());
                }
                String structureError = record.size() == columns.size() ? null
                        : "the record has " + record.size() + " fields but the header has " + columns.size();
                sink.accept(new SourceRow<>(rows, start, values, structureError));
            }
        } catch (UncheckedIOException e) {
            String where = e.getCause() instanceof Utf8Reader.NotUtf8 ? "" : "line " + parser.getCurrentLineNumber() + ": ";
            throw new ErpFileRejected(where + describe(e), e);
        }
        return rows;
    }

    private List<C> resolveHeader(List<String> names) {
        if (names.isEmpty()) {
            throw new ErpFileRejected("line 1: the file has no header row; allowed columns: " + allowedNames);
        }
        List<C> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip();
            int col = i + 1;
            if (name.isEmpty()) {
                throw new ErpFileRejected("line 1, column " + col + ": the header has a column without a name; allowed columns: " + allowedNames);
            }
            C column = columnByName.apply(name).orElseThrow(() -> new ErpFileRejected("line 1, column " + col
                    + ": unknown column " + Shown.quoted(name) + "; allowed columns: " + allowedNames));
            if (columns.contains(column)) {
                throw new ErpFileRejected("line 1, column " + col + ": column " + Shown.quoted(name) + " appears twice (as '"
                        + nameOf.apply(column) + "')");
            }
            columns.add(column);
        }
        List<String> missing = required.stream().filter(c -> !columns.contains(c)).map(nameOf).sorted().toList();
        if (!missing.isEmpty()) {
            throw new ErpFileRejected("line 1: required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " missing; allowed columns: " + allowedNames);
        }
        return columns;
    }

    /** The header decides: whichever of ';' and ',' it uses outside quotes (',' when it uses neither). */
    private static char detectDelimiter(BufferedReader reader) throws IOException {
        reader.mark(1 << 16);
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0, c; i < (1 << 16) - 1 && (c = reader.read()) != -1 && (quoted || (c != '\n' && c != '\r')); i++) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        reader.reset();
        return semicolons > commas ? ';' : ',';
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof Utf8Reader.NotUtf8 notUtf8) {
            return notUtf8.where() + ": the file is not UTF-8 text; export it as UTF-8, with or without BOM";
        }
        if (cause instanceof CharacterCodingException) {
            return "the file is not UTF-8 text; export it as UTF-8, with or without BOM";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : Shown.clipped(cause.getMessage());
        return "the CSV cannot be parsed: " + message;
    }
}
