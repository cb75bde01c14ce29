package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of TAP_CREATE_ORDER_API as the usage notes describe it. Collects every problem, one
 * string each, naming the field ("billToSiteUseId", "lines[3].carrierName"; line indexes are the
 * 0-based positions in the "lines" array), so that the caller can answer them all in one 400.
 */
final class OrderValidator {

    static final Set<String> HEADER_FIELDS = Set.of("customerPONumber", "customerOrderRef", "currencyCode",
            "activationCountry", "promoCode", "billToSiteUseId", "shipToSiteUseId", "billToContactEmail",
            "billToContactPhone", "shipToContactEmail", "shipToContactPhone", "lines");

    static final Set<String> LINE_FIELDS = Set.of("lineNumber", "serviceStartDate", "partNumber", "serialNumber",
            "serviceType", "manufacturerModel", "autoRenewal", "geoFenceRegion", "activationType", "activationDate",
            "couponNumber", "ssoUserEmailAddress", "simIncludedFlag", "simNumber", "deviceKey", "carrierName");

    /** "The current limit of the maximum number of order lines that can be processed from the API is 20 lines." */
    static final int MAX_LINES = 20;

    /** "Service Start Date: The start date must not exceed 3 days from the current system date." */
    static final int MAX_START_DAYS_AHEAD = 3;

    /** The usage notes' list of valid carrierName values, exact spelling. */
    static final List<String> CARRIERS = List.of("T-Mobile Germany", "Bell", "Rogers", "Telekom M2M",
            "Vodafone Germany over third party supplier Horn and Cosifan", "Telia Sweden", "Vodafone UK",
            "Vodafone UK over third party supplier Wireless Logic", "Orange UK over third party supplier Wireless Logic",
            "O2 UK over third party supplier Wireless Logic", "Orange Ireland Wireless Logic", "Unknown",
            "O2 Ireland Wireless Logic");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_SIM_DIGITS = 20;

    private final Catalogue catalogue;
    private final OrderBook orders;
    private final SandboxTime time;

    private final TapSandboxSettings settings;

    OrderValidator(Catalogue catalogue, OrderBook orders, SandboxTime time, TapSandboxSettings settings) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.orders = orders;
        this.time = time;
    }

    /** The resolved draft; meaningful only when {@code problems} is still empty afterwards. */
    OrderDraft validate(String clientId, ObjectNode request, List<String> problems) {
        FieldReader h = new FieldReader(request, "", HEADER_FIELDS, problems);
        String poNumber = h.mandatoryText("customerPONumber").orElse(null);
        String orderRef = h.text("customerOrderRef").orElse(null);
        String currency = h.mandatoryText("currencyCode").orElse(null);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            h.problem("currencyCode", "'" + currency + "' is not a currency code (ISO 4217, e.g. USD)");
        }
        h.text("activationCountry");
        h.text("promoCode");
        Catalogue.BillTo billTo = h.mandatoryNumber("billToSiteUseId").flatMap(id -> billTo(clientId, id, h)).orElse(null);
        Catalogue.ShipTo shipTo = h.mandatoryNumber("shipToSiteUseId").flatMap(id -> shipTo(clientId, id, billTo, h)).orElse(null);
        email(h, "billToContactEmail");
        h.text("billToContactPhone");
        email(h, "shipToContactEmail");
        h.text("shipToContactPhone");

        List<OrderDraft.Line> lines = new ArrayList<>();
        List<Map<String, Object>> received = new ArrayList<>();
        JsonNode linesNode = request.get("lines");
        if (!h.hasProblem("lines")) {
            if (linesNode == null) {
                h.problem("lines", "is mandatory; an order needs at least one line");
            } else if (!linesNode.isArray()) {
                h.problem("lines", "must be an array of order lines");
            } else if (linesNode.isEmpty()) {
                h.problem("lines", "an order needs at least one line");
            } else {
                if (linesNode.size() > MAX_LINES) {
                    h.problem("lines", linesNode.size() + " lines exceed the maximum of " + MAX_LINES
                            + " order lines per request");
                }
                Set<String> lineNumbers = new HashSet<>();
                for (int i = 0; i < linesNode.size(); i++) {
                    JsonNode node = linesNode.get(i);
                    if (!node.isObject()) {
                        problems.add("lines[" + i + "]: must be a JSON object");
                        continue;
                    }
                    received.add(SandboxJson.toMap((ObjectNode) node));
                    OrderDraft.Line line = line(clientId, (ObjectNode) node, i, billTo, lineNumbers, problems);
                    if (line != null) {
                        lines.add(line);
                    }
                }
            }
        }
        ObjectNode header = request.deepCopy();
        header.remove("lines");
        return new OrderDraft(poNumber, orderRef, currency, billTo, shipTo, lines,
                SandboxJson.toMap(header), List.copyOf(received));
    }

    private Optional<Catalogue.BillTo> billTo(String clientId, String id, FieldReader h) {
        Optional<Catalogue.BillTo> billTo = catalogue.billTo(clientId, id);
        if (billTo.isEmpty()) {
            h.problem("billToSiteUseId", id + " is not a billTo site of any of your resellers");
        }
        return billTo;
    }

    private Optional<Catalogue.ShipTo> shipTo(String clientId, String id, Catalogue.BillTo billTo, FieldReader h) {
        Optional<Catalogue.ShipTo> shipTo = catalogue.shipTo(clientId, id);
        if (shipTo.isEmpty()) {
            h.problem("shipToSiteUseId", id + " is not a shipTo site of your resellers or of their end customers");
            return Optional.empty();
        }
        Catalogue.ShipTo s = shipTo.get();
        if (!s.isActive()) {
            h.problem("shipToSiteUseId", id + " belongs to '" + s.customerName() + "', which is not an active customer");
            return Optional.empty();
        }
        if (billTo != null && !s.reseller().equals(billTo.reseller())) {
            h.problem("shipToSiteUseId", id + " belongs to '" + s.customerName() + "' of reseller '" + s.reseller().name()
                    + "', not to the billTo's reseller '" + billTo.reseller().name() + "' or its end customers");
            return Optional.empty();
        }
        return shipTo;
    }

    private OrderDraft.Line line(String clientId, ObjectNode node, int index, Catalogue.BillTo billTo,
                                 Set<String> lineNumbers, List<String> problems) {
        FieldReader l = new FieldReader(node, "lines[" + index + "].", LINE_FIELDS, problems);
        String lineNumber = l.mandatoryNumber("lineNumber").orElse(null);
        if (lineNumber != null && !lineNumbers.add(new BigInteger(lineNumber).toString())) {
            l.problem("lineNumber", lineNumber + " is used by more than one line");
        }
        LocalDate start = l.mandatoryDate("serviceStartDate").orElse(null);
        if (start != null) {
            LocalDate today = time.todayInTapZone();
            if (start.isAfter(today.plusDays(MAX_START_DAYS_AHEAD))) {
                l.problem("serviceStartDate", start + " is more than " + MAX_START_DAYS_AHEAD
                        + " days after today (" + today + ", " + SandboxTime.TAP_ZONE + ")");
            }
        }
        String partNumber = l.mandatoryText("partNumber").orElse(null);
        String serial = l.mandatoryText("serialNumber").orElse(null);
        String serviceType = l.mandatoryChoice("serviceType", List.of("RTX", "VRS"), false).orElse(null);
        String model = l.mandatoryText("manufacturerModel").orElse(null);
        String invalid = settings.invalidSerialPrefix();
        if (serial != null && "RTX".equals(serviceType) && !invalid.isEmpty()
                && serial.toUpperCase(java.util.Locale.ROOT).startsWith(invalid.toUpperCase(java.util.Locale.ROOT))) {
            // "The system will validate the serial number for the RTX SerialNumbers based on the model"
            l.problem("serialNumber", "'" + serial + "' is not a valid serial number for model " + model);
        }
        String fullModel = null;
        if (model != null) {
            fullModel = catalogue.modelByPart(model).orElse(null);
            if (fullModel == null) {
                l.problem("manufacturerModel", "'" + model + "' is not a valid model; send the model part of a "
                        + "TAP_GET_MFG_MODELS_API value (after '||'), e.g. 'R12' for 'Trimble||R12'");
            }
        }
        String activationType = l.mandatoryChoice("activationType", List.of("IMMEDIATE", "SCHEDULED"), true).orElse(null);
        LocalDate activationDate = l.date("activationDate").orElse(null);
        if ("SCHEDULED".equals(activationType) && activationDate == null && !l.hasProblem("activationDate")) {
            l.problem("activationDate", "is mandatory when activationType is SCHEDULED");
        }
        String autoRenewal = l.mandatoryChoice("autoRenewal", List.of("Y", "N"), false).orElse(null);
        l.text("couponNumber");
        Optional<String> simIncluded = l.optionalChoice("simIncludedFlag", List.of("Y", "N"), false);

        // "Mandatory - For all the VRS Serial Number"; on an RTX line they are optional but still checked
        boolean vrs = "VRS".equals(serviceType);
        if (vrs) {
            l.mandatoryText("geoFenceRegion");
        } else {
            l.text("geoFenceRegion");
        }
        Optional<String> deviceKey = vrs ? l.mandatoryText("deviceKey") : l.text("deviceKey");
        // "To Identify if simNumber and carrierName have values": with simIncludedFlag N the SIM fields may be absent
        boolean withSim = vrs && !simIncluded.filter("N"::equals).isPresent();
        Optional<String> sim = withSim ? l.mandatoryNumber("simNumber") : l.number("simNumber");
        sim.filter(s -> s.length() > MAX_SIM_DIGITS)
                .ifPresent(s -> l.problem("simNumber", "has " + s.length() + " digits; at most " + MAX_SIM_DIGITS + " are allowed"));
        Optional<String> carrier = withSim ? l.mandatoryText("carrierName") : l.text("carrierName");
        carrier.filter(c -> !CARRIERS.contains(c))
                .ifPresent(c -> l.problem("carrierName", "'" + c + "' is not a valid carrier"));
        String sso = sso(clientId, l, vrs, serial);

        Catalogue.Product product = product(clientId, l, partNumber, serviceType, fullModel, model, billTo);
        return new OrderDraft.Line(lineNumber, serial, partNumber, product == null ? null : product.partDescription(),
                serviceType, model, start, product == null ? 12 : product.durationMonths(), activationType,
                activationDate, autoRenewal, sso, deviceKey.orElse(null), product == null ? null : product.listPrice());
    }

    /**
     * "If the ssoUserEmailAddress is not valid then API will use the latest valid ssoUserEmailAddress
     * from the Store … If there is no valid ssoUserEmailAddress available, the API will throw an error."
     */
    private String sso(String clientId, FieldReader l, boolean vrs, String serial) {
        Optional<String> sso = vrs ? l.mandatoryText("ssoUserEmailAddress") : l.text("ssoUserEmailAddress");
        if (sso.isEmpty() || EMAIL.matcher(sso.get()).matches()) {
            return sso.orElse(null);
        }
        Optional<String> known = serial == null ? Optional.empty() : orders.latestSsoEmail(clientId, serial);
        if (known.isEmpty()) {
            l.problem("ssoUserEmailAddress", "ssoUserEmailAddress not found. Please contact Customer Care");
        }
        return known.orElse(null);
    }

    /** The part must be offered to the billTo for the serviceType (and, for RTX, the model); bundle parts are refused. */
    private Catalogue.Product product(String clientId, FieldReader l, String partNumber, String serviceType,
                                      String fullModel, String model, Catalogue.BillTo billTo) {
        if (partNumber == null) {
            return null;
        }
        Optional<Catalogue.Product> known = catalogue.anyProduct(clientId, partNumber);
        Optional<List<BundleRenewals.Replacement>> bundle = known.flatMap(p -> BundleRenewals.forDescription(p.partDescription()));
        if (bundle.isPresent()) {
            List<Catalogue.Product> priceList = billTo == null ? List.of() : catalogue.products(billTo.site());
            String advice = BundleRenewals.advice(bundle.get(),
                    pn -> priceList.stream().anyMatch(p -> p.partNumber().equals(pn)));
            l.problem("partNumber", "'" + partNumber + "' (" + known.get().partDescription()
                    + ") is a bundle part and cannot be used to place renewal orders; " + advice);
            return null;
        }
        if (billTo == null) {
            if (known.isEmpty()) {
                l.problem("partNumber", "'" + partNumber + "' is not a known part number");
            }
            return known.orElse(null);
        }
        String billToId = billTo.site().siteUseId();
        Optional<Catalogue.Product> offered = catalogue.products(billTo.site()).stream()
                .filter(p -> p.partNumber().equals(partNumber)).findFirst();
        if (offered.isEmpty()) {
            l.problem("partNumber", "'" + partNumber + "' is not in the price list of billTo " + billToId);
            return null;
        }
        Catalogue.Product p = offered.get();
        if (serviceType != null && !p.serviceType().equals(serviceType)) {
            l.problem("partNumber", "'" + partNumber + "' is a " + p.serviceType() + " part, not " + serviceType);
            return null;
        }
        if ("RTX".equals(serviceType) && fullModel != null && !p.fitsModel(fullModel)) {
            l.problem("partNumber", "'" + partNumber + "' is not offered for model '" + model + "'");
            return null;
        }
        return p;
    }

    private static void email(FieldReader h, String field) {
        h.mandatoryText(field).filter(e -> !EMAIL.matcher(e).matches())
                .ifPresent(e -> h.problem(field, "'" + e + "' is not a valid email address"));
    }
}
