package io.tapbridge.tap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.CatalogueCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TAP's catalogue (customers, manufacturer models, products per reseller), cached in the ledger's
 * {@code tap_catalogue} table so that every instance and every restart shares it, refreshed on a schedule and on
 * a miss. Parsed answers are memoised in memory; a refresh replaces them.
 */
public final class TapCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(TapCatalogue.class);

    private final CatalogueCache cache;
    private final TapStoreClient client;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration missRefreshAge;
    private final Map<String, Entry> memo = new ConcurrentHashMap<>();

    /** A cached answer and, once asked for, its parsed form (enrichment asks for it on every line). */
    private static final class Entry {
        private final JsonNode answer;
        private final Instant fetchedAt;
        private volatile Object parsed;

        Entry(JsonNode answer, Instant fetchedAt) {
            this.answer = answer;
            this.fetchedAt = fetchedAt;
        }

        JsonNode answer() {
            return answer;
        }

        Instant fetchedAt() {
            return fetchedAt;
        }

        @SuppressWarnings("unchecked")
        <T> T parsed(java.util.function.Function<JsonNode, T> parser) {
            Object value = parsed;
            if (value == null) {
                value = parser.apply(answer);
                parsed = value;
            }
            return (T) value;
        }
    }

    /** A product offered to a reseller, with its price as TAP lists it. */
    public record Product(String partNumber, String partDescription, String manufacturerModel, String currencyCode, String listPrice,
            String durationOfItem) {
    }

    /**
     * @param missRefreshAge on a miss, a cached answer older than this is fetched again before the miss counts
     */
    public TapCatalogue(CatalogueCache cache, TapStoreClient client, ObjectMapper json, Clock clock, Duration missRefreshAge) {
        this.cache = cache;
        this.client = client;
        this.json = json;
        this.clock = clock;
        this.missRefreshAge = missRefreshAge;
    }

    public TapCustomers customers() throws CatalogueUnavailableException {
        return entry(TapProcedure.TAP_GET_CUSTOMERS_API, "", false).parsed(TapCustomers::from);
    }

    /** The catalogue's "Manufacturer||Model" pairs. */
    public List<String> models() throws CatalogueUnavailableException {
        return entry(TapProcedure.TAP_GET_MFG_MODELS_API, "", false).parsed(answer -> {
            List<String> models = new ArrayList<>();
            answer.path("manufacturerModel").forEach(m -> models.add(m.asText()));
            return List.copyOf(models);
        });
    }

    /** Products offered to a bill-to site for a service type (and model, for RTX). */
    public List<Product> products(String billToSiteUseId, String serviceType, String model) throws CatalogueUnavailableException {
        return entry(TapProcedure.TAP_GET_PRODUCTS_API, productKey(billToSiteUseId, serviceType, model), false).parsed(answer -> {
            List<Product> products = new ArrayList<>();
            answer.path("products").forEach(p -> products.add(new Product(p.path("partNumber").asText(),
                    p.path("partDescription").asText(), p.path("manufacturerModel").asText(), p.path("currencyCode").asText(),
                    p.path("listPrice").asText(), p.path("durationOfItem").asText())));
            return List.copyOf(products);
        });
    }

    /**
     * Fetches customers, models or a product list from TAP now (not from the cache, which it updates), for exports
     * that must show what TAP knows at this moment.
     */
    public void fetchNow(TapProcedure procedure, String billToSiteUseId, String serviceType, String model) throws CatalogueUnavailableException {
        entry(procedure, procedure == TapProcedure.TAP_GET_PRODUCTS_API ? productKey(billToSiteUseId, serviceType, model) : "", true);
    }

    /** Loads customers and models (from the ledger, or from TAP when the ledger has none) ahead of the first file. */
    public void warmUp() throws CatalogueUnavailableException {
        int resellers = customers().resellers().size();
        int models = models().size();
        LOG.info("TAP catalogue ready: {} resellers, {} manufacturer models", resellers, models);
    }

    /** After a miss: fetch the customers again if the cached answer is older than the miss-refresh age. */
    public boolean refreshCustomersAfterMiss() throws CatalogueUnavailableException {
        return refreshAfterMiss(TapProcedure.TAP_GET_CUSTOMERS_API, "");
    }

    public boolean refreshModelsAfterMiss() throws CatalogueUnavailableException {
        return refreshAfterMiss(TapProcedure.TAP_GET_MFG_MODELS_API, "");
    }

    public boolean refreshProductsAfterMiss(String billToSiteUseId, String serviceType, String model) throws CatalogueUnavailableException {
        return refreshAfterMiss(TapProcedure.TAP_GET_PRODUCTS_API, productKey(billToSiteUseId, serviceType, model));
    }

    /** Scheduled refresh: fetch every cached answer again (customers and models even when never asked for). */
    public void refresh() throws CatalogueUnavailableException {
        List<String[]> keys = cache.keys();
        entry(TapProcedure.TAP_GET_CUSTOMERS_API, "", true);
        entry(TapProcedure.TAP_GET_MFG_MODELS_API, "", true);
        for (String[] key : keys) {
            TapProcedure procedure = TapProcedure.valueOf(key[0]);
            if (procedure == TapProcedure.TAP_GET_PRODUCTS_API) {
                entry(procedure, key[1], true);
            }
        }
        LOG.info("TAP catalogue refreshed: customers, models and {} product lists", keys.stream()
                .filter(k -> k[0].equals(TapProcedure.TAP_GET_PRODUCTS_API.name())).count());
    }

    private boolean refreshAfterMiss(TapProcedure procedure, String key) throws CatalogueUnavailableException {
        Entry entry = memo.get(procedure + "|" + key);
        if (entry != null && Duration.between(entry.fetchedAt(), clock.instant()).compareTo(missRefreshAge) < 0) {
            return false;
        }
        entry(procedure, key, true);
        return true;
    }

    private Entry entry(TapProcedure procedure, String key, boolean fresh) throws CatalogueUnavailableException {
        String memoKey = procedure + "|" + key;
        Entry entry = fresh ? null : memo.get(memoKey);
        if (entry == null && !fresh) {
            entry = stored(procedure, key);
        }
        if (entry == null) {
            entry = new Entry(fetch(procedure, key), clock.instant());
            store(procedure, key, entry);
        }
        memo.put(memoKey, entry);
        return entry;
    }

    private JsonNode fetch(TapProcedure procedure, String key) throws CatalogueUnavailableException {
        ObjectNode request = null;
        if (procedure == TapProcedure.TAP_GET_PRODUCTS_API) {
            String[] parts = key.split("\\|", -1);
            request = TapEnvelope.request();
            request.put("resellerbillToSiteUseId", parts[0]);
            request.put("serviceType", parts[1]);
            if (!parts[2].isEmpty()) {
                request.put("model", parts[2]);
            }
        }
        try {
            TapAnswer answer = client.call(procedure, request);
            if (answer.ok()) {
                return answer.body();
            }
            if (answer.noData()) {
                return json.createObjectNode(); // "No data found" is an answer: nothing offered
            }
            throw new CatalogueUnavailableException(procedure + " answered " + answer.describe());
        } catch (TransportException e) {
            throw new CatalogueUnavailableException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogueUnavailableException(procedure + " interrupted", e);
        }
    }

    private Entry stored(TapProcedure procedure, String key) {
        return cache.find(procedure.name(), key).map(a -> new Entry(parse(a.response()), a.fetchedAt())).orElse(null);
    }

    private void store(TapProcedure procedure, String key, Entry entry) {
        cache.store(procedure.name(), key, entry.answer().toString(), entry.fetchedAt());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    private static String productKey(String billToSiteUseId, String serviceType, String model) {
        return billToSiteUseId + "|" + serviceType + "|" + ("RTX".equals(serviceType) ? model : "");
    }
}
