package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference data of one TAP client: resellers with their billTo/shipTo sites and end customers,
 * the Manufacturer||Model list, and price lists per billTo. Read once from JSON and immutable after.
 * Every lookup takes the calling client id: data of another client is invisible, as in the store.
 */
final class Catalogue {

    static final String SEED = "/io/tapbridge/sandbox/tap-catalogue.json";

    record Site(String siteUseId, String address, String region, String autoRenewFlag, String priceList) {
    }

    record EndCustomer(String name, Boolean active, String createdOn, List<Site> shipTo) {
        EndCustomer {
            shipTo = shipTo == null ? List.of() : List.copyOf(shipTo);
        }

        boolean isActive() {
            return active == null || active;
        }

        LocalDate createdDate() {
            return createdOn == null ? LocalDate.EPOCH : LocalDate.parse(createdOn);
        }
    }

    record Reseller(String name, Boolean active, List<Site> billTo, List<Site> shipTo, List<EndCustomer> endCustomers) {
        Reseller {
            billTo = billTo == null ? List.of() : List.copyOf(billTo);
            shipTo = shipTo == null ? List.of() : List.copyOf(shipTo);
            endCustomers = endCustomers == null ? List.of() : List.copyOf(endCustomers);
        }

        boolean isActive() {
            return active == null || active;
        }
    }

    record Product(String partNumber, String partDescription, String serviceType, List<String> models,
                   String currencyCode, String listPrice, String durationOfItem, List<String> geoFenceRegions) {
        Product {
            models = models == null ? List.of() : List.copyOf(models);
            geoFenceRegions = geoFenceRegions == null ? List.of() : List.copyOf(geoFenceRegions);
        }

        private static final Pattern DURATION = Pattern.compile("(?i)\\s*(\\d+)\\s*(year|years|month|months)\\s*");

        /** Months of service, from durationOfItem such as "1 Year" or "16 Months" (12 if unreadable). */
        int durationMonths() {
            Matcher m = DURATION.matcher(durationOfItem == null ? "" : durationOfItem);
            if (!m.matches()) {
                return 12;
            }
            int n = Integer.parseInt(m.group(1));
            return m.group(2).toLowerCase(Locale.ROOT).startsWith("year") ? n * 12 : n;
        }

        /** True when the product applies to the model; a product without models applies to every model. */
        boolean fitsModel(String manufacturerModel) {
            return models.isEmpty() || models.contains(manufacturerModel);
        }
    }

    /** The file's shape. "about" is free text describing it. */
    record Data(String about, List<String> manufacturerModels, Map<String, List<Product>> priceLists,
                List<Reseller> resellers) {
    }

    record BillTo(Reseller reseller, Site site) {
    }

    /** A shipTo site with its owner: the reseller itself (endCustomer null) or one of its end customers. */
    record ShipTo(Reseller reseller, EndCustomer endCustomer, Site site) {
        String customerName() {
            return endCustomer == null ? reseller.name() : endCustomer.name();
        }

        boolean isActive() {
            return reseller.isActive() && (endCustomer == null || endCustomer.isActive());
        }
    }

    private final String owner;
    private final Data data;

    private Catalogue(String owner, Data data) {
        this.owner = owner;
        this.data = data;
    }

    /** Loads the catalogue for the client {@code owner}: from the file if a path is given, else the seed. */
    static Catalogue load(String path, String owner) {
        ObjectMapper mapper = SandboxJson.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Data data;
            if (path == null) {
                try (InputStream in = Catalogue.class.getResourceAsStream(SEED)) {
                    if (in == null) {
                        throw new IllegalStateException("seed catalogue " + SEED + " is not on the classpath");
                    }
                    data = mapper.readValue(in, Data.class);
                }
            } else {
                data = mapper.readValue(Files.readAllBytes(Path.of(path)), Data.class);
            }
            Catalogue catalogue = new Catalogue(owner, data);
            catalogue.check(path == null ? SEED : path);
            return catalogue;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read TAP catalogue " + (path == null ? SEED : path) + ": " + e.getMessage(), e);
        }
    }

    /** Fails fast on a catalogue that would make the sandbox answer nonsense. */
    private void check(String source) {
        List<String> problems = new ArrayList<>();
        if (data.manufacturerModels() == null || data.resellers() == null || data.priceLists() == null) {
            throw new IllegalStateException("catalogue " + source + " needs manufacturerModels, priceLists and resellers");
        }
        for (String m : data.manufacturerModels()) {
            if (!m.contains("||")) {
                problems.add("model '" + m + "' is not Manufacturer||Model");
            }
        }
        data.priceLists().forEach((name, products) -> products.forEach(p -> {
            if (!"RTX".equals(p.serviceType()) && !"VRS".equals(p.serviceType())) {
                problems.add("price list " + name + ": " + p.partNumber() + " has serviceType " + p.serviceType());
            }
            p.models().stream().filter(m -> !data.manufacturerModels().contains(m))
                    .forEach(m -> problems.add("price list " + name + ": " + p.partNumber() + " names unknown model " + m));
        }));
        Set<String> ids = new HashSet<>();
        for (Reseller r : data.resellers()) {
            r.billTo().forEach(s -> {
                if (!data.priceLists().containsKey(s.priceList())) {
                    problems.add("billTo " + s.siteUseId() + " names unknown price list " + s.priceList());
                }
            });
            List<Site> sites = new ArrayList<>(r.billTo());
            sites.addAll(r.shipTo());
            r.endCustomers().forEach(c -> sites.addAll(c.shipTo()));
            for (Site s : sites) {
                if (s.siteUseId() == null || !s.siteUseId().matches("\\d+")) {
                    problems.add("site '" + s.siteUseId() + "' of " + r.name() + " is not a numeric siteUseId");
                } else if (!ids.add(s.siteUseId())) {
                    // a siteUseId identifies one site in the whole store
                    problems.add("siteUseId " + s.siteUseId() + " is used twice");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("catalogue " + source + " is inconsistent: " + String.join("; ", problems));
        }
    }

    String owner() {
        return owner;
    }

    private boolean visibleTo(String clientId) {
        return Objects.equals(owner, clientId);
    }

    /** Active resellers of the client (the store never shows inactive ones). */
    List<Reseller> resellers(String clientId) {
        if (!visibleTo(clientId)) {
            return List.of();
        }
        return data.resellers().stream().filter(Reseller::isActive).toList();
    }

    List<String> manufacturerModels() {
        return List.copyOf(data.manufacturerModels());
    }

    /** The Manufacturer||Model whose model part (after "||") is exactly this. */
    Optional<String> modelByPart(String modelPart) {
        return data.manufacturerModels().stream().filter(m -> modelPart(m).equals(modelPart)).findFirst();
    }

    static String modelPart(String manufacturerModel) {
        int i = manufacturerModel.indexOf("||");
        return i < 0 ? manufacturerModel : manufacturerModel.substring(i + 2);
    }

    Optional<BillTo> billTo(String clientId, String siteUseId) {
        for (Reseller r : resellers(clientId)) {
            for (Site s : r.billTo()) {
                if (s.siteUseId().equals(siteUseId)) {
                    return Optional.of(new BillTo(r, s));
                }
            }
        }
        return Optional.empty();
    }

    /** The shipTo with this id among the client's resellers, inactive end customers included (for the message). */
    Optional<ShipTo> shipTo(String clientId, String siteUseId) {
        for (Reseller r : resellers(clientId)) {
            for (Site s : r.shipTo()) {
                if (s.siteUseId().equals(siteUseId)) {
                    return Optional.of(new ShipTo(r, null, s));
                }
            }
            for (EndCustomer c : r.endCustomers()) {
                for (Site s : c.shipTo()) {
                    if (s.siteUseId().equals(siteUseId)) {
                        return Optional.of(new ShipTo(r, c, s));
                    }
                }
            }
        }
        return Optional.empty();
    }

    List<Product> products(Site billTo) {
        return data.priceLists().getOrDefault(billTo.priceList(), List.of());
    }

    /** A part anywhere in the client's price lists (to know its description when the billTo does not offer it). */
    Optional<Product> anyProduct(String clientId, String partNumber) {
        if (!visibleTo(clientId)) {
            return Optional.empty();
        }
        return data.priceLists().values().stream().flatMap(List::stream)
                .filter(p -> p.partNumber().equals(partNumber)).findFirst();
    }
}
