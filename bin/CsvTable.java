import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the first columns of result CSV files as aligned tables, reading them as RFC 4180 (quoted commas, doubled
 * quotes and line breaks inside values), for bin/demo. Usage: java bin/CsvTable.java COLUMNS FILE...
 */
public final class CsvTable {

    public static void main(String[] args) throws Exception {
        int columns = Integer.parseInt(args[0]);
        for (int f = 1; f < args.length; f++) {
            List<List<String>> rows = parse(Files.readString(Path.of(args[f]), StandardCharsets.UTF_8));
            int[] widths = new int[columns];
            for (List<String> row : rows) {
                for (int c = 0; c < Math.min(columns, row.size()); c++) {
                    widths[c] = Math.min(60, Math.max(widths[c], row.get(c).length()));
                }
            }
            System.out.println();
            System.out.println("== " + args[f]);
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < Math.min(columns, row.size()); c++) {
                    String value = row.get(c).replaceAll("\\s*\\R\\s*", " / ");
                    value = value.length() > 60 ? value.substring(0, 57) + "..." : value;
                    line.append(String.format("%-" + (widths[c] + 2) + "s", value));
                }
                System.out.println(line.toString().stripTrailing());
            }
        }
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    value.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(value.toString());
                value.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(value.toString());
                value.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                value.append(ch);
            }
        }
        if (value.length() > 0 || !row.isEmpty()) {
            row.add(value.toString());
            rows.add(row);
        }
        return rows;
    }
}
