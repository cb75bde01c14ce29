package io.tapbridge.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.tapbridge.outbox.Outbox;
import io.tapbridge.tap.CatalogueUnavailableException;
import io.tapbridge.tap.TapCatalogue;
import io.tapbridge.tap.TapCustomers;
import io.tapbridge.tap.TapProcedure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What TAP knows, exported for the ERP's master data as {@code outbox/reports/tap-*.csv}: customers and their sites,
 * manufacturer models, and the products each bill-to site may order. Each export is fetched from TAP in full first
 * and only then written (atomically): a failing call leaves the previous export in place.
 */
public final class TapExports {

    static final String RESELLER_BILL_TO = "RESELLER_BILL_TO";
    static final String RESELLER_SHIP_TO = "RESELLER_SHIP_TO";
    static final String END_CUSTOMER_SHIP_TO = "END_CUSTOMER_SHIP_TO";
    private static final Logger LOG = LoggerFactory.getLogger(TapExports.class);

    private final TapCatalogue catalogue;
    private final Outbox outbox;
    /** Bill-to sites the products export is narrowed to; empty: every one of the customers export. */
    private final Set<String> billToSites;

    public TapExports(TapCatalogue catalogue, Outbox outbox, Set<String> billToSites) {
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.billToSites = Set.copyOf(billToSites);
    }

    /** {@code tap-customers.csv}: one row per site: resellers' bill-to and ship-to sites, end customers' ship-to sites. */
    public int customers() throws CatalogueUnavailableException {
        catalogue.fetchNow(TapProcedure.TAP_GET_CUSTOMERS_API, null, null, null);
        List<List<String>> rows = new ArrayList<>();
        for (TapCustomers.Reseller reseller : catalogue.customers().resellers()) {
            reseller.billTo().forEach(s -> rows.add(List.of(RESELLER_BILL_TO, reseller.name(), "", s.siteUseId(), s.address(), s.region())));
            reseller.shipTo().forEach(s -> rows.add(List.of(RESELLER_SHIP_TO, reseller.name(), "", s.siteUseId(), s.address(), s.region())));
            for (TapCustomers.EndCustomer end : reseller.endCustomers()) {
                end.shipTo().forEach(s -> rows.add(List.of(END_CUSTOMER_SHIP_TO, reseller.name(), end.name(), s.siteUseId(), s.address(),
                        s.region())));
            }
        }
        return write("tap-customers", List.of("siteType", "reseller", "endCustomer", "siteUseId", "address", "region"), rows);
    }

    /** {@code tap-models.csv}: manufacturer and model of every {@code Manufacturer||Model} TAP knows. */
    public int models() throws CatalogueUnavailableException {
        catalogue.fetchNow(TapProcedure.TAP_GET_MFG_MODELS_API, null, null, null);
        List<List<String>> rows = new ArrayList<>();
        for (String pair : catalogue.models()) {
            int bars = pair.indexOf("||");
            rows.add(List.of(bars < 0 ? "" : pair.substring(0, bars), bars < 0 ? pair : pair.substring(bars + 2), pair));
        }
        return write("tap-models", List.of("manufacturer", "model", "manufacturerModel"), rows);
    }

    /**
     * {@code tap-products.csv}: the parts each bill-to site may order, RTX per model and VRS without one, with
     * description, currency, list price and duration.
     */
    public int products() throws CatalogueUnavailableException {
        catalogue.fetchNow(TapProcedure.TAP_GET_CUSTOMERS_API, null, null, null);
        catalogue.fetchNow(TapProcedure.TAP_GET_MFG_MODELS_API, null, null, null);
        List<String> models = catalogue.models();
        List<List<String>> rows = new ArrayList<>();
        for (TapCustomers.Reseller reseller : catalogue.customers().resellers()) {
            for (TapCustomers.Site site : reseller.billTo()) {
                if (!billToSites.isEmpty() && !billToSites.contains(site.siteUseId())) {
                    continue;
                }
                for (String model : models) {
                    add(rows, reseller, site, "RTX", model);
                }
                add(rows, reseller, site, "VRS", "");
            }
        }
        return write("tap-products", List.of("billToSiteUseId", "reseller", "serviceType", "model", "partNumber", "partDescription",
                "manufacturerModel", "currencyCode", "listPrice", "durationOfItem"), rows);
    }

    private void add(List<List<String>> rows, TapCustomers.Reseller reseller, TapCustomers.Site site, String serviceType, String model)
            throws CatalogueUnavailableException {
        // asked as "Manufacturer Model", the form of the API text's own example ("Trimble R2"): a model name two
        // manufacturers share is then still one model
        String asked = model.replace("||", " ");
        catalogue.fetchNow(TapProcedure.TAP_GET_PRODUCTS_API, site.siteUseId(), serviceType, asked);
        for (TapCatalogue.Product p : catalogue.products(site.siteUseId(), serviceType, asked)) {
            rows.add(List.of(site.siteUseId(), reseller.name(), serviceType, model, p.partNumber(), p.partDescription(),
                    p.manufacturerModel(), p.currencyCode(), p.listPrice(), p.durationOfItem()));
        }
    }

    private int write(String name, List<String> header, List<List<String>> rows) {
        outbox.writeCsv("reports/" + name + ".csv", header, record -> rows.forEach(record));
        LOG.info("Export {}: {} rows in outbox/reports/{}.csv", name, rows.size(), name);
        return rows.size();
    }
}
