package io.tapbridge.machines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.tapbridge.ledger.MachineRow;
import io.tapbridge.model.MachineColumn;

/**
 * The mail a customer gets when its machine is ready, from a template in {@code config/tapio-mail/}:
 * {@code machine-ready.<locale>.html}, then {@code machine-ready.<language>.html}, then {@code machine-ready.en.html}.
 * A template's first line is {@code Subject: …}, then a blank line, then the HTML; {@code ${machineName}},
 * {@code ${serialNumber}}, {@code ${tmid}} and {@code ${companyName}} are replaced (HTML-escaped).
 */
public final class CustomerMail {

    /** A mail ready to send, in the locale it is written in. */
    record Letter(String subject, String html, String locale) {
    }

    private final Path folder;

    public CustomerMail(Path folder) {
        this.folder = folder;
        if (!Files.isRegularFile(folder.resolve("machine-ready.en.html"))) {
            throw new IllegalStateException("Mail template missing: " + folder.resolve("machine-ready.en.html"));
        }
    }

    Letter machineReady(String customerLocale, MachineRow row, String tmid, String machineName) {
        String locale = customerLocale == null || customerLocale.isBlank() ? "en" : customerLocale;
        String language = locale.split("[-_]")[0];
        for (String candidate : new String[] {locale.toLowerCase(Locale.ROOT), language.toLowerCase(Locale.ROOT), "en"}) {
            Path template = folder.resolve("machine-ready." + candidate + ".html");
            if (Files.isRegularFile(template)) {
                return fill(read(template), candidate.equals("en") && !language.equalsIgnoreCase("en") ? "en-US" : locale,
                        Map.of("machineName", machineName, "serialNumber", row.value(MachineColumn.SERIAL_NUMBER), "tmid", tmid,
                                "companyName", row.value(MachineColumn.COMPANY_NAME)));
            }
        }
        throw new IllegalStateException("no mail template in " + folder);
    }

    private static Letter fill(String template, String locale, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", escape(value.getValue()));
        }
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (!first.startsWith("Subject:")) {
            throw new IllegalStateException("a mail template must start with 'Subject: ...'");
        }
        return new Letter(first.substring("Subject:".length()).strip(), text.substring(end + 1).strip(), locale);
    }

    private static String read(Path template) {
        try {
            return Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
