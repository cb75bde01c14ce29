package io.tapbridge.erp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

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
public final class ErpCsvReader<C extends Enum<C>> {

    private final Class<C> columnType;
    private final Function<String, Optional<C>> columnByName;
    private final Function<C, String> nameOf;
    private final String allowedNames;

    public ErpCsvReader(Class<C> columnType, Function<String, Optional<C>> columnByName, Function<C, String> nameOf,
            String allowedNames) {
        this.columnType = columnType;
        this.columnByName = columnByName;
        this.nameOf = nameOf;
        this.allowedNames = allowedNames;
    }

    /**
     * Reads every record into {@code sink}, in file order, holding one record at a time.
     *
     * @param required columns without which no row could be valid
     * @return the number of records read
     * @throws ErpFileRejected when the file cannot be read as this format at all
     */
    public int read(Path file, Set<C> required, Consumer<ErpCsvRow<C>> sink) {
        try (InputStream in = Files.newInputStream(file);
                BufferedReader reader = new BufferedReader(new InputStreamReader(
                        BOMInputStream.builder().setInputStream(in).get(),
                        StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            char delimiter = detectDelimiter(reader);
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setAllowMissingColumnNames(true)
                    .get();
            try (CSVParser parser = format.parse(reader)) {
                List<C> columns = resolveHeader(parser.getHeaderNames(), required);
                return readRecords(file, parser, columns, sink);
            }
        } catch (CharacterCodingException e) {
            throw new ErpFileRejected(whereNotUtf8(file) + ": the file is not UTF-8 text; export it as UTF-8, with or without BOM", e);
        } catch (IOException | UncheckedIOException e) {
            throw new ErpFileRejected(describe(e), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ErpFileRejected("line 1: the header cannot be read: " + Shown.clipped(e.getMessage()), e);
        }
    }

    private int readRecords(Path file, CSVParser parser, List<C> columns, Consumer<ErpCsvRow<C>> sink) {
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
                sink.accept(new ErpCsvRow<>(rows, start, values, structureError));
            }
        } catch (UncheckedIOException e) {
            String where = e.getCause() instanceof CharacterCodingException ? whereNotUtf8(file) : "line " + parser.getCurrentLineNumber();
            throw new ErpFileRejected(where + ": " + describe(e), e);
        }
        return rows;
    }

    private List<C> resolveHeader(List<String> names, Set<C> required) {
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

    /**
     * "line 7 (byte 1234)": where the first byte sequence that is not UTF-8 starts. The decoder reads ahead in large
     * chunks, so the parser's line is not where it failed; the file is scanned once more to say where.
     */
    static String whereNotUtf8(Path file) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 16);
            java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(1 << 16);
            long line = 1;
            long consumed = 0;
            boolean eof = false;
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                java.nio.charset.CoderResult result = decoder.decode(bytes, chars, eof);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                    }
                }
                chars.clear();
                if (result.isError()) {
                    return "line " + line + " (byte " + (consumed + bytes.position() + 1) + ")";
                }
                consumed += bytes.position();
                bytes.compact();
                if (eof) {
                    return "somewhere";
                }
            }
        } catch (IOException e) {
            return "somewhere";
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof CharacterCodingException) {
            return "the file is not UTF-8 text; export it as UTF-8, with or without BOM";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : Shown.clipped(cause.getMessage());
        return "the CSV cannot be parsed: " + message;
    }
}
