package io.tapbridge.orders;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which lines of a create request TAP's 400 names. TAP's reasons are free text; a line may be named by its index in
 * {@code lines} ({@code lines[3].carrierName}), by its {@code lineNumber} ("lineNumber 4", "line 4") or by its
 * serial number. When every reason names at least one line and some lines are named by none, those others were
 * refused only because they travelled with the named ones: a 400 created nothing, so they can go again alone.
 */
final class LineRefusals {

    private static final Pattern INDEX = Pattern.compile("\\blines\\[(\\d+)]");
    private static final Pattern LINE_NUMBER = Pattern.compile("(?i)\\b(?:lineNumber|line\\s+number|line)\\s*[:=#]?\\s*'?(\\d+)'?");

    /**
     * @param namesLinesOnly every reason names at least one line of the request
     * @param refusedLines   index in {@code lines} → TAP's reasons for it
     * @param remainingLines indexes no reason names
     */
    record Verdict(boolean namesLinesOnly, Map<Integer, String> refusedLines, List<Integer> remainingLines) {
    }

    private LineRefusals() {
    }

    static Verdict read(List<JsonNode> lines, List<String> reasons) {
        Map<Integer, List<String>> named = new LinkedHashMap<>();
        boolean everyReasonNamesALine = !reasons.isEmpty();
        for (String reason : reasons) {
            Set<Integer> indexes = linesNamedBy(reason, lines);
            everyReasonNamesALine &= !indexes.isEmpty();
            indexes.forEach(i -> named.computeIfAbsent(i, k -> new ArrayList<>()).add(reason));
        }
        Map<Integer, String> refused = new LinkedHashMap<>();
        named.forEach((i, r) -> refused.put(i, String.join("; ", r)));
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!refused.containsKey(i)) {
                remaining.add(i);
            }
        }
        return new Verdict(everyReasonNamesALine, refused, remaining);
    }

    private static Set<Integer> linesNamedBy(String reason, List<JsonNode> lines) {
        Set<Integer> indexes = new TreeSet<>();
        Matcher index = INDEX.matcher(reason);
        while (index.find()) {
            int i = Integer.parseInt(index.group(1));
            if (i < lines.size()) {
                indexes.add(i);
            }
        }
        if (!indexes.isEmpty()) {
            return indexes; // an index is exact: the serial or number that follows it names the same line
        }
        Matcher number = LINE_NUMBER.matcher(reason);
        while (number.find()) {
            BigInteger n = new BigInteger(number.group(1));
            for (int i = 0; i < lines.size(); i++) {
                String lineNumber = lines.get(i).path("lineNumber").asText("");
                if (lineNumber.matches("\\d+") && new BigInteger(lineNumber).equals(n)) {
                    indexes.add(i);
                }
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String serial = lines.get(i).path("serialNumber").asText("");
            if (!serial.isEmpty() && Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(serial) + "(?![A-Za-z0-9])",
                    Pattern.CASE_INSENSITIVE).matcher(reason).find()) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
