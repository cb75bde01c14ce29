package io.tapbridge.orders;

import static io.tapbridge.model.OrderColumn.*;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.tapbridge.model.OrderLine;
import io.tapbridge.model.PurchaseOrder;
import io.tapbridge.model.Shown;
import io.tapbridge.tap.CatalogueUnavailableException;
import io.tapbridge.tap.TapCatalogue.Product;
import io.tapbridge.tap.TapCatalogue;
import io.tapbridge.tap.TapCustomers.EndCustomer;
import io.tapbridge.tap.TapCustomers.Reseller;
import io.tapbridge.tap.TapCustomers.Site;
import io.tapbridge.tap.TapCustomers;

/**
 * Completes a validated PO from TAP's catalogue: site-use ids from reseller and end-customer names, the
 * manufacturer model in the catalogue's spelling, the part checked against what the reseller may order, and a
 * bundle part replaced by its renewal part. What cannot be resolved rejects the line (or the PO, for names) with
 * the candidates named. A catalogue TAP cannot serve right now fails the PO for a later retry; it rejects nothing.
 */
public final class OrderEnricher {

    private final TapCatalogue catalogue;
    private final RenewalParts renewalParts;

    private final boolean substituteBundleParts;

    /** @param substituteBundleParts order a bundle part's renewal part instead (true), or reject the line (false) */
    public OrderEnricher(TapCatalogue catalogue, RenewalParts renewalParts, boolean substituteBundleParts) {
        this.substituteBundleParts = substituteBundleParts;
        this.catalogue = catalogue;
        this.renewalParts = renewalParts;
    }

    public PurchaseOrder enrich(PurchaseOrder po) throws CatalogueUnavailableException {
        if (po.acceptedLines().isEmpty()) {
            return po;
        }
        String billTo = po.header(BILL_TO_SITE_USE_ID);
        String shipTo = po.header(SHIP_TO_SITE_USE_ID);
        try {
            if (billTo.isEmpty()) {
                billTo = resolveBillTo(po.header(RESELLER_NAME));
            }
            if (shipTo.isEmpty()) {
                shipTo = resolveShipTo(po.header(END_CUSTOMER_NAME), billTo);
            }
        } catch (Unresolved e) {
            po.rejectAll(e.getMessage());
            return po;
        }
        for (OrderLine line : po.lines()) {
            line.set(BILL_TO_SITE_USE_ID, billTo);
            line.set(SHIP_TO_SITE_USE_ID, shipTo);
        }
        for (OrderLine line : po.acceptedLines()) {
            try {
                enrichLine(line, billTo);
            } catch (Unresolved e) {
                line.reject(e.getMessage());
            }
        }
        return po;
    }

    private void enrichLine(OrderLine line, String billTo) throws CatalogueUnavailableException, Unresolved {
        String model = resolveModel(line.value(MANUFACTURER_MODEL));
        line.set(MANUFACTURER_MODEL, model);
        String serviceType = line.value(SERVICE_TYPE);
        String part = line.value(PART_NUMBER);
        List<Product> offered = catalogue.products(billTo, serviceType, model);
        Optional<Product> product = find(offered, part);
        if (product.isEmpty() && catalogue.refreshProductsAfterMiss(billTo, serviceType, model)) {
            offered = catalogue.products(billTo, serviceType, model);
            product = find(offered, part);
        }
        if (product.isEmpty()) {
            throw new Unresolved("partNumber: " + Shown.quoted(part) + " is not offered to billToSiteUseId " + billTo + " for " + serviceType
                    + ("RTX".equals(serviceType) ? " on " + model : "") + " (TAP_GET_PRODUCTS_API); offered: " + partNumbers(offered));
        }
        line.set(PART_NUMBER, product.get().partNumber());
        Optional<RenewalParts.Replacement> replacement = renewalParts.forDescription(product.get().partDescription());
        if (replacement.isPresent()) {
            renew(line, product.get(), replacement.get(), offered);
        }
    }

    /**
     * The API text: a bundle part "cannot be used to place renewal orders". By policy ({@code tap.bundle-parts}) its
     * mapped renewal part is ordered instead, or the line is rejected naming the renewal parts.
     */
    private void renew(OrderLine line, Product bundle, RenewalParts.Replacement replacement, List<Product> offered) throws Unresolved {
        if (!substituteBundleParts) {
            throw new Unresolved("partNumber: " + Shown.quoted(bundle.partNumber()) + " is a bundle part (" + bundle.partDescription()
                    + "), which cannot be used to place renewal orders; order its renewal part instead: " + replacement.choices().stream()
                    .map(c -> String.join(" or ", c)).collect(Collectors.joining(" / ")) + " (tap.bundle-parts=reject)");
        }
        if (replacement.ambiguous()) {
            throw new Unresolved("partNumber: " + Shown.quoted(bundle.partNumber()) + " is a bundle part (" + bundle.partDescription()
                    + ") and the renewal-part table names different renewal parts for it: " + replacement.choices().stream()
                    .map(c -> String.join(" or ", c)).collect(Collectors.joining(" / ")) + "; order the renewal part directly");
        }
        List<String> choices = replacement.choices().get(0);
        Optional<Product> renewal = choices.stream().map(p -> find(offered, p)).flatMap(Optional::stream).findFirst();
        if (renewal.isEmpty()) {
            throw new Unresolved("partNumber: " + Shown.quoted(bundle.partNumber()) + " is a bundle part (" + bundle.partDescription()
                    + "); its renewal part " + String.join(" or ", choices) + " is not offered to this reseller");
        }
        line.set(PART_NUMBER, renewal.get().partNumber());
        line.note("bundle part " + bundle.partNumber() + " replaced by renewal part " + renewal.get().partNumber()
                + " (" + renewal.get().partDescription() + "; tap.bundle-parts=substitute)");
    }

    private String resolveBillTo(String resellerName) throws CatalogueUnavailableException, Unresolved {
        List<Reseller> named = catalogue.customers().resellersNamed(resellerName);
        if (named.isEmpty() && catalogue.refreshCustomersAfterMiss()) {
            named = catalogue.customers().resellersNamed(resellerName);
        }
        if (named.isEmpty()) {
            List<String> names = catalogue.customers().resellers().stream().map(Reseller::name).toList();
            throw new Unresolved("resellerName: " + Shown.quoted(resellerName) + " is not a reseller of this TAP account"
                    + candidates(TapCustomers.similar(names, resellerName), names));
        }
        List<Site> sites = named.stream().flatMap(r -> r.billTo().stream()).toList();
        if (sites.size() != 1) {
            throw new Unresolved("resellerName: " + Shown.quoted(resellerName) + " has " + sites.size() + " bill-to sites: "
                    + sites.stream().map(Site::describe).collect(Collectors.joining(", ")) + "; give billToSiteUseId");
        }
        return sites.get(0).siteUseId();
    }

    private String resolveShipTo(String endCustomerName, String billTo) throws CatalogueUnavailableException, Unresolved {
        Optional<Reseller> reseller = catalogue.customers().resellerBilledTo(billTo);
        if (reseller.isEmpty() && catalogue.refreshCustomersAfterMiss()) {
            reseller = catalogue.customers().resellerBilledTo(billTo);
        }
        if (reseller.isEmpty()) {
            throw new Unresolved("billToSiteUseId: " + billTo + " is not a bill-to site of any reseller of this TAP account,"
                    + " so endCustomerName " + Shown.quoted(endCustomerName) + " cannot be looked up");
        }
        List<Site> sites = shipToSites(reseller.get(), endCustomerName);
        if (sites.isEmpty() && catalogue.refreshCustomersAfterMiss()) {
            reseller = catalogue.customers().resellerBilledTo(billTo);
            sites = reseller.map(r -> shipToSites(r, endCustomerName)).orElse(List.of());
        }
        if (sites.isEmpty()) {
            List<String> names = reseller.get().endCustomers().stream().map(EndCustomer::name).toList();
            throw new Unresolved("endCustomerName: " + Shown.quoted(endCustomerName) + " is not an end customer of reseller "
                    + reseller.get().name() + candidates(TapCustomers.similar(names, endCustomerName), names));
        }
        if (sites.size() != 1) {
            throw new Unresolved("endCustomerName: " + Shown.quoted(endCustomerName) + " has " + sites.size() + " ship-to sites: "
                    + sites.stream().map(Site::describe).collect(Collectors.joining(", ")) + "; give shipToSiteUseId");
        }
        return sites.get(0).siteUseId();
    }

    /** Ship-to sites of the end customers of that name; the reseller's own when the name is the reseller's. */
    private static List<Site> shipToSites(Reseller reseller, String name) {
        if (TapCustomers.same(reseller.name(), name)) {
            return reseller.shipTo();
        }
        return reseller.endCustomers().stream().filter(e -> TapCustomers.same(e.name(), name))
                .flatMap(e -> e.shipTo().stream()).toList();
    }

    /** "Trimble||R12", "Trimble R12" or just "R12", without regard to case and spaces; answers the catalogue's spelling. */
    private String resolveModel(String given) throws CatalogueUnavailableException, Unresolved {
        List<String> matches = modelsMatching(catalogue.models(), given);
        if (matches.isEmpty() && catalogue.refreshModelsAfterMiss()) {
            matches = modelsMatching(catalogue.models(), given);
        }
        if (matches.isEmpty()) {
            List<String> models = catalogue.models();
            throw new Unresolved("manufacturerModel: " + Shown.quoted(given) + " is not in TAP's list of manufacturer models"
                    + " (TAP_GET_MFG_MODELS_API)" + candidates(TapCustomers.similar(models, given), models));
        }
        if (matches.size() > 1) {
            throw new Unresolved("manufacturerModel: " + Shown.quoted(given) + " is the model of several manufacturers: "
                    + String.join(", ", matches) + "; write it as Manufacturer||Model");
        }
        String pair = matches.get(0);
        int bar = pair.indexOf("||");
        return bar < 0 ? pair : pair.substring(bar + 2);
    }

    /**
     * "Trimble||R12", "Trimble R12" (the form of the text's own TAP_GET_PRODUCTS_API example, "Trimble R2") or
     * "R12": the catalogue's pairs whose whole or model part reads the same without regard to case and spaces.
     */
    private static List<String> modelsMatching(List<String> models, String given) {
        String wanted = squeeze(given);
        return models.stream().filter(m -> {
            int bar = m.indexOf("||");
            return squeeze(m).equals(wanted) || bar >= 0 && squeeze(m.substring(bar + 2)).equals(wanted);
        }).distinct().toList();
    }

    private static String squeeze(String model) {
        return model.replace("||", "").replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<Product> find(List<Product> offered, String partNumber) {
        return offered.stream().filter(p -> p.partNumber().equalsIgnoreCase(partNumber.strip())).findFirst();
    }

    private static String partNumbers(List<Product> offered) {
        if (offered.isEmpty()) {
            return "none";
        }
        String listed = offered.stream().limit(15).map(Product::partNumber).collect(Collectors.joining(", "));
        return offered.size() > 15 ? listed + " and " + (offered.size() - 15) + " more" : listed;
    }

    private static String candidates(List<String> similar, List<String> all) {
        if (!similar.isEmpty()) {
            return "; did you mean " + similar.stream().map(s -> Shown.quoted(s)).collect(Collectors.joining(" or ")) + "?";
        }
        if (all.size() <= 10) {
            return all.isEmpty() ? "" : "; known: " + all.stream().map(s -> Shown.quoted(s)).collect(Collectors.joining(", "));
        }
        return "";
    }

    /** A name, model or part the catalogue cannot resolve: the message names the candidates. */
    private static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }
}
