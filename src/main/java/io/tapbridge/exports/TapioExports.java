package io.tapbridge.exports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbridge.http.TransportException;
import io.tapbridge.outbox.Outbox;
import io.tapbridge.tapio.TapioAnswer;
import io.tapbridge.tapio.TapioClient;
import io.tapbridge.tapio.TapioPath;
import io.tapbridge.tapio.TapioUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What tapio knows, exported for the ERP's master data as {@code outbox/reports/tapio-*.csv}: the licences of every
 * application, through every page of tapio's continuation tokens. Fetched in full first, then written atomically: a
 * failing page leaves the previous export in place.
 */
public final class TapioExports {

    private static final Logger LOG = LoggerFactory.getLogger(TapioExports.class);
    private static final String LICENSES = "/management/applications/%s/machines/licenses";

    private final TapioClient tapio;
    private final Outbox outbox;
    /** The applications whose licences are exported (the configured ones, or every one a machines file named). */
    private final Supplier<Collection<String>> applications;

    public TapioExports(TapioClient tapio, Outbox outbox, Supplier<Collection<String>> applications) {
        this.tapio = tapio;
        this.outbox = outbox;
        this.applications = applications;
    }

    /** {@code tapio-licenses.csv}: every licence of every application, one row each. */
    public int licenses() throws TapioUnavailableException, InterruptedException {
        List<List<String>> rows = new ArrayList<>();
        for (String application : applications.get()) {
            String token = "";
            do {
                // the token as tapio gave it, URL-encoded (it holds '+', '/' and '=')
                String path = TapioPath.of(LICENSES, application)
                        + (token.isEmpty() ? "" : "?continuationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
                TapioAnswer page = get(path);
                for (JsonNode item : page.body().path("items")) {
                    JsonNode data = item.path("data");
                    rows.add(List.of(application, item.path("id").asText(), item.path("tapioMachineId").asText(), data.path("name").asText(),
                            data.path("serialNumber").asText(), data.path("machineCount").asText(), data.path("issuedAt").asText(),
                            data.path("validFrom").asText(), data.path("validTo").asText(), item.path("createdAt").asText()));
                }
                JsonNode next = page.body().path("pagination").path("continuationToken");
                token = next.isNull() || next.isMissingNode() ? "" : next.asText();
            } while (!token.isEmpty());
        }
        outbox.writeCsv("reports/tapio-licenses.csv", List.of("applicationId", "licenseId", "tmid", "name", "serialNumber", "machineCount",
                "issuedAt", "validFrom", "validTo", "createdAt"), record -> rows.forEach(record));
        LOG.info("Export tapio-licenses: {} rows in outbox/reports/tapio-licenses.csv", rows.size());
        return rows.size();
    }

    private TapioAnswer get(String path) throws TapioUnavailableException, InterruptedException {
        try {
            TapioAnswer answer = tapio.get(TapioClient.Client.DEVELOPER, path);
            if (!answer.ok()) {
                throw new TapioUnavailableException("tapio answered " + answer.describe(), null);
            }
            return answer;
        } catch (TransportException e) {
            throw new TapioUnavailableException(e.getMessage(), e);
        }
    }
}
