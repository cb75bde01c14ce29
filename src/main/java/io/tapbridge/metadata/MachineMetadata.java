package io.tapbridge.metadata;

import static io.tapbridge.tapio.TapioClient.Client.MANUFACTURER;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbridge.http.TransportException;
import io.tapbridge.intake.ErpFileRejected;
import io.tapbridge.ledger.MetadataUploads;
import io.tapbridge.model.Shown;
import io.tapbridge.outbox.Outbox;
import io.tapbridge.tapio.TapioAnswer;
import io.tapbridge.tapio.TapioClient;
import io.tapbridge.tapio.TapioPath;
import io.tapbridge.tapio.TapioUnavailableException;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine's metadata in tapio: JSON files the ERP drops at {@code inbox/metadata/<tmid>/global/<key>.json}
 * (for all applications) or {@code inbox/metadata/<tmid>/<applicationId>/<key>.json} are stored as that
 * machine's metadata; a scheduled report lists every known machine's keys, paged, in
 * {@code outbox/reports/metadata-keys.csv}.
 */
public final class MachineMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(MachineMetadata.class);
    private static final Pattern PATH = Pattern.compile("([^/]+)/(global|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/([^/]+)\\.json");
    private static final String KEYS = "/management/manufacturer/machines/%s/metadata/%s/keys";

    private final TapioClient tapio;
    private final MetadataUploads uploads;
    private final Outbox outbox;
    private final int pageSize;


    public MachineMetadata(TapioClient tapio, MetadataUploads uploads, Outbox outbox, int pageSize) {
        this.tapio = tapio;
        this.uploads = uploads;
        this.outbox = outbox;
        this.pageSize = pageSize;
    }

    /**
     * Stores one metadata file; the Camel file consumer passes its path below {@code inbox/metadata}.
     *
     * @throws ErpFileRejected           when the path or the JSON is wrong, or tapio refuses it (the file goes to error/)
     * @throws TapioUnavailableException when tapio cannot take it now (tried again)
     */
    public void store(@Header("CamelFileRelativePath") String relativePath, @Body byte[] content)
            throws TapioUnavailableException, InterruptedException {
        String path = relativePath.replace('\\', '/');
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new ErpFileRejected("metadata files go to inbox/metadata/<tmid>/global/<key>.json or"
                    + " inbox/metadata/<tmid>/<applicationId>/<key>.json; " + Shown.quoted(path) + " is neither");
        }
        String tmid = m.group(1);
        String application = "global".equals(m.group(2)) ? null : m.group(2).toLowerCase(java.util.Locale.ROOT);
        String key = m.group(3);
        JsonNode json;
        try {
            // one JSON value and nothing after it: "{...} {...}" is refused, never half sent
            json = tapio.json().reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(content);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new ErpFileRejected(path + " holds more than one JSON value, or content after its value (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "); metadata must be one JSON value", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ErpFileRejected(path + " is not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new ErpFileRejected(path + " cannot be read: " + e.getMessage(), e);
        }
        if (json == null || json.isMissingNode()) {
            throw new ErpFileRejected(path + " is empty; metadata must be a JSON value");
        }
        TapioPath target = TapioPath.of("/management/manufacturer/machines/%s/metadata/%s/keys/%s", tmid,
                application == null ? "global" : application, key);
        TapioAnswer answer;
        try {
            answer = tapio.post(MANUFACTURER, target, json);
        } catch (TransportException e) {
            throw new TapioUnavailableException(e.getMessage(), e);
        }
        if (answer.transientFailure()) {
            throw new TapioUnavailableException("tapio did not store " + path + " now (" + answer.describe() + ")", null);
        }
        uploads.record(tmid, application, key, path, sha256(content), answer.status(), answer.ok() ? "STORED" : "REFUSED",
                answer.ok() ? null : answer.describe());
        if (!answer.ok()) {
            throw new ErpFileRejected("tapio refused the metadata " + path + " (" + answer.describe() + ")");
        }
        LOG.info("Metadata {} of machine {} stored in tapio ({})", key, tmid, application == null ? "global" : "application " + application);
    }

    /**
     * Rewrites {@code outbox/reports/metadata-keys.csv}: tmid, scope (global or application id), key, of every known
     * machine; a machine and scope tapio could not list now gets a row with a note instead.
     */
    public void report() throws InterruptedException {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Set<String>> machine : uploads.knownMachines().entrySet()) {
            List<String> scopes = new ArrayList<>();
            scopes.add("global");
            scopes.addAll(machine.getValue());
            for (String scope : scopes) {
                try {
                    for (String key : keys(machine.getKey(), scope)) {
                        rows.add(List.of(machine.getKey(), scope, key, ""));
                    }
                } catch (TapioUnavailableException e) {
                    // one machine tapio cannot list now does not cost the report of all the others
                    LOG.warn("Metadata report: keys of {} ({}) not listed: {}", machine.getKey(), scope, e.getMessage());
                    rows.add(List.of(machine.getKey(), scope, "", "not listed: " + e.getMessage()));
                }
            }
        }
        outbox.writeCsv("reports/metadata-keys.csv", List.of("tmid", "scope", "key", "note"), record -> rows.forEach(record));
        LOG.info("Metadata report: {} keys", rows.size());
    }

    /** Every key of one machine and scope, page by page (limit/offset); a machine tapio does not know has none. */
    private List<String> keys(String tmid, String scope) throws TapioUnavailableException, InterruptedException {
        List<String> keys = new ArrayList<>();
        for (int offset = 0; ; offset += pageSize) {
            TapioAnswer page;
            try {
                page = tapio.get(MANUFACTURER, TapioPath.of(KEYS, tmid, scope) + "?limit=" + pageSize + "&offset=" + offset);
            } catch (TransportException e) {
                throw new TapioUnavailableException(e.getMessage(), e);
            }
            if (page.status() == 404) {
                return keys;
            }
            if (!page.ok() || page.body() == null) {
                throw new TapioUnavailableException("listing the metadata keys of " + tmid + " (" + scope + "): " + page.describe(), null);
            }
            JsonNode results = page.body().path("results");
            results.forEach(r -> keys.add(r.path("key").asText()));
            if (results.size() < pageSize || keys.size() >= page.body().path("totalCount").asInt(0)) {
                return keys;
            }
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
