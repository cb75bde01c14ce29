package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** TAP_GET_CUSTOMERS_API, TAP_GET_MFG_MODELS_API and TAP_GET_PRODUCTS_API: read-only views of the catalogue. */
final class CatalogueProcedures {

    static final String NO_DATA = "No data found";

    /** "Valid values for region parameters are AMERICA, EUROPE, APAC , EMEA and SOUTH AFRICA". */
    static final List<String> REGIONS = List.of("AMERICA", "EUROPE", "APAC", "EMEA", "SOUTH AFRICA");

    /** "Min length is 5 chars." for resellerName and endCustomerName. */
    static final int MIN_NAME_SEARCH = 5;

    private final Catalogue catalogue;

    CatalogueProcedures(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    ObjectNode customers(String clientId, ObjectNode request, String uniqueId) throws TapError {
        List<String> problems = new ArrayList<>();
        FieldReader r = new FieldReader(request, "",
                Set.of("region", "resellerName", "endCustomerName", "customerCreationDate"), problems);
        // the text's own example sends "endCustomerName": "" : an empty filter is no filter
        Optional<String> region = r.filter("region");
        region.filter(v -> REGIONS.stream().noneMatch(v::equalsIgnoreCase))
                .ifPresent(v -> r.problem("region", "'" + v + "' is not valid (" + String.join(", ", REGIONS) + ")"));
        Optional<String> resellerName = minLength(r, "resellerName");
        Optional<String> endCustomerName = minLength(r, "endCustomerName");
        Optional<LocalDate> createdAfter = r.filter("customerCreationDate").flatMap(v -> dateOrDateTime(r, v));
        TapError.throwIfAny(problems);

        ObjectNode body = TapResponses.success(uniqueId);
        ArrayNode resellers = body.putArray("resellers");
        boolean endCustomerFilter = endCustomerName.isPresent() || createdAfter.isPresent();
        for (Catalogue.Reseller reseller : catalogue.resellers(clientId)) {
            if (resellerName.isPresent() && !containsIgnoreCase(reseller.name(), resellerName.get())) {
                continue;
            }
            List<Catalogue.Site> billTo = inRegion(reseller.billTo(), region);
            if (billTo.isEmpty()) {
                continue;
            }
            List<Catalogue.EndCustomer> customers = reseller.endCustomers().stream()
                    .filter(Catalogue.EndCustomer::isActive)
                    .filter(c -> endCustomerName.isEmpty() || containsIgnoreCase(c.name(), endCustomerName.get()))
                    .filter(c -> createdAfter.isEmpty() || !c.createdDate().isBefore(createdAfter.get()))
                    .filter(c -> !inRegion(c.shipTo(), region).isEmpty())
                    .toList();
            if (endCustomerFilter && customers.isEmpty()) {
                continue;
            }
            ObjectNode r2 = resellers.addObject();
            r2.put("name", reseller.name());
            ArrayNode billToNode = r2.putArray("billTo");
            billTo.forEach(s -> site(billToNode, s).put("autoRenewFlag", s.autoRenewFlag() == null ? "N" : s.autoRenewFlag()));
            ArrayNode shipToNode = r2.putArray("shipTo");
            inRegion(reseller.shipTo(), region).forEach(s -> site(shipToNode, s));
            ArrayNode endNode = r2.putArray("endCustomer");
            for (Catalogue.EndCustomer c : customers) {
                ObjectNode cn = endNode.addObject();
                cn.put("name", c.name());
                ArrayNode cs = cn.putArray("shipTo");
                inRegion(c.shipTo(), region).forEach(s -> site(cs, s));
            }
        }
        if (resellers.isEmpty()) {
            throw new TapError(NO_DATA);
        }
        return body;
    }

    ObjectNode manufacturerModels(String clientId, ObjectNode request, String uniqueId) throws TapError {
        List<String> problems = new ArrayList<>();
        FieldReader r = new FieldReader(request, "", Set.of("manufacturer"), problems);
        Optional<String> manufacturer = r.filter("manufacturer");
        TapError.throwIfAny(problems);
        List<String> models = clientId.equals(catalogue.owner()) ? catalogue.manufacturerModels() : List.of();
        ObjectNode body = TapResponses.success(uniqueId);
        ArrayNode list = body.putArray("manufacturerModel");
        models.stream()
                .filter(m -> manufacturer.isEmpty() || containsIgnoreCase(m.substring(0, m.indexOf("||")), manufacturer.get()))
                .forEach(list::add);
        if (list.isEmpty()) {
            throw new TapError(NO_DATA);
        }
        return body;
    }

    ObjectNode products(String clientId, ObjectNode request, String uniqueId) throws TapError {
        List<String> problems = new ArrayList<>();
        FieldReader r = new FieldReader(request, "",
                Set.of("resellerbillToSiteUseId", "serviceType", "model", "partDescription"), problems);
        Optional<String> billToId = r.mandatoryNumber("resellerbillToSiteUseId");
        Optional<String> serviceType = r.mandatoryChoice("serviceType", List.of("RTX", "VRS"), false);
        Optional<String> model = r.filter("model");
        if (serviceType.filter("RTX"::equals).isPresent() && model.isEmpty() && !r.hasProblem("model")) {
            r.problem("model", "is mandatory for serviceType RTX");
        }
        Optional<String> description = r.filter("partDescription");
        TapError.throwIfAny(problems);

        Catalogue.BillTo billTo = catalogue.billTo(clientId, billToId.get()).orElseThrow(() -> new TapError(NO_DATA));
        ObjectNode body = TapResponses.success(uniqueId);
        body.put("customerName", billTo.reseller().name());
        ArrayNode products = body.putArray("products");
        for (Catalogue.Product p : catalogue.products(billTo.site())) {
            if (!p.serviceType().equals(serviceType.get())
                    || description.isPresent() && !containsIgnoreCase(p.partDescription(), description.get())) {
                continue;
            }
            List<String> models = p.models().isEmpty() ? List.of("") : p.models();
            for (String m : models) {
                if (model.isPresent() && !sameModel(m, model.get())) {
                    continue;
                }
                ObjectNode n = products.addObject();
                n.put("manufacturerModel", m);
                n.put("partNumber", p.partNumber());
                n.put("partDescription", p.partDescription());
                n.put("currencyCode", p.currencyCode());
                n.put("listPrice", p.listPrice());
                n.put("durationOfItem", p.durationOfItem());
                if (!p.geoFenceRegions().isEmpty()) {
                    // "API will share the geofence details for each item if it is eligible"; the shape has no field for it
                    ArrayNode g = n.putArray("geoFenceRegions");
                    p.geoFenceRegions().forEach(g::add);
                }
            }
        }
        if (products.isEmpty()) {
            throw new TapError(NO_DATA);
        }
        return body;
    }

    /**
     * The text's own examples for model are "Trimble R2" and "NAV900" while the model list says
     * "Trimble||NAV-900": a search compares letters and digits only, with or without the manufacturer.
     */
    static boolean sameModel(String manufacturerModel, String asked) {
        String wanted = letters(asked);
        return !wanted.isEmpty() && (letters(manufacturerModel).equals(wanted)
                || letters(Catalogue.modelPart(manufacturerModel)).equals(wanted));
    }

    private static String letters(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static Optional<String> minLength(FieldReader r, String field) {
        Optional<String> v = r.filter(field);
        if (v.isPresent() && v.get().length() < MIN_NAME_SEARCH) {
            r.problem(field, "'" + v.get() + "' is too short; the minimum length is " + MIN_NAME_SEARCH + " characters");
            return Optional.empty();
        }
        return v;
    }

    /** "2023-01-20" (the example) or "2023-04-12T10:15:32Z" (the table's sample); compared by UTC date. */
    private static Optional<LocalDate> dateOrDateTime(FieldReader r, String v) {
        try {
            return Optional.of(LocalDate.parse(v));
        } catch (DateTimeParseException e) {
            // try the date-time forms
        }
        try {
            return Optional.of(OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
        } catch (DateTimeParseException e) {
            // try without offset
        }
        try {
            return Optional.of(LocalDateTime.parse(v).toLocalDate());
        } catch (DateTimeParseException e) {
            r.problem("customerCreationDate", "'" + v + "' is not a valid date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)");
            return Optional.empty();
        }
    }

    private static List<Catalogue.Site> inRegion(List<Catalogue.Site> sites, Optional<String> region) {
        return region.isEmpty() ? sites : sites.stream().filter(s -> region.get().equalsIgnoreCase(s.region())).toList();
    }

    private static ObjectNode site(ArrayNode into, Catalogue.Site s) {
        ObjectNode n = into.addObject();
        n.put("siteUseId", s.siteUseId());
        n.put("address", s.address());
        n.put("region", s.region());
        return n;
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
