package io.tapbridge.model;

import java.util.Optional;

/**
 * The columns of the ERP's order CSV: the field names of {@code TAP_CREATE_ORDER_API} (header-level fields repeated
 * on every row of a PO, then the line-level fields) plus two names used only to look up site-use ids.
 */
public enum OrderColumn {
    CUSTOMER_PO_NUMBER("customerPONumber", Level.HEADER, true),
    CUSTOMER_ORDER_REF("customerOrderRef", Level.HEADER, false),
    CURRENCY_CODE("currencyCode", Level.HEADER, true),
    ACTIVATION_COUNTRY("activationCountry", Level.HEADER, false),
    PROMO_CODE("promoCode", Level.HEADER, false),
    BILL_TO_SITE_USE_ID("billToSiteUseId", Level.HEADER, false),
    SHIP_TO_SITE_USE_ID("shipToSiteUseId", Level.HEADER, false),
    BILL_TO_CONTACT_EMAIL("billToContactEmail", Level.HEADER, true),
    BILL_TO_CONTACT_PHONE("billToContactPhone", Level.HEADER, false),
    SHIP_TO_CONTACT_EMAIL("shipToContactEmail", Level.HEADER, true),
    SHIP_TO_CONTACT_PHONE("shipToContactPhone", Level.HEADER, false),
    /** Looked up in TAP_GET_CUSTOMERS_API when billToSiteUseId is blank; never sent. */
    RESELLER_NAME("resellerName", Level.LOOKUP, false),
    /** Looked up in TAP_GET_CUSTOMERS_API when shipToSiteUseId is blank; never sent. */
    END_CUSTOMER_NAME("endCustomerName", Level.LOOKUP, false),
    LINE_NUMBER("lineNumber", Level.LINE, true),
    SERVICE_START_DATE("serviceStartDate", Level.LINE, true),
    PART_NUMBER("partNumber", Level.LINE, true),
    SERIAL_NUMBER("serialNumber", Level.LINE, true),
    SERVICE_TYPE("serviceType", Level.LINE, true),
    MANUFACTURER_MODEL("manufacturerModel", Level.LINE, true),
    AUTO_RENEWAL("autoRenewal", Level.LINE, true),
    GEO_FENCE_REGION("geoFenceRegion", Level.LINE, false),
    ACTIVATION_TYPE("activationType", Level.LINE, true),
    ACTIVATION_DATE("activationDate", Level.LINE, false),
    COUPON_NUMBER("couponNumber", Level.LINE, false),
    SSO_USER_EMAIL_ADDRESS("ssoUserEmailAddress", Level.LINE, false),
    SIM_INCLUDED_FLAG("simIncludedFlag", Level.LINE, false),
    SIM_NUMBER("simNumber", Level.LINE, false),
    DEVICE_KEY("deviceKey", Level.LINE, false),
    CARRIER_NAME("carrierName", Level.LINE, false);

    /** Where a column's value belongs. */
    public enum Level {
        /** Order header: one value per PO, sent once per TAP order. */
        HEADER,
        /** Order line: sent in {@code lines[]}. */
        LINE,
        /** One value per PO, used for enrichment only. */
        LOOKUP
    }

    private final String fieldName;
    private final Level level;
    private final boolean columnRequired;

    OrderColumn(String fieldName, Level level, boolean columnRequired) {
        this.fieldName = fieldName;
        this.level = level;
        this.columnRequired = columnRequired;
    }

    /** The name in the CSV header and in TAP's payload. */
    public String fieldName() {
        return fieldName;
    }

    public Level level() {
        return level;
    }

    /** One value per PO (header fields and lookup names). */
    public boolean perOrder() {
        return level != Level.LINE;
    }

    /** A file without this column cannot yield a single valid line. */
    public boolean columnRequired() {
        return columnRequired;
    }

    /** Header names are matched without regard to case. */
    public static Optional<OrderColumn> byHeaderName(String name) {
        return Holder.COLUMNS.byHeaderName(name);
    }

    public static String allowedNames() {
        return Holder.COLUMNS.allowedNames();
    }

    /** Built after the constants exist. */
    private static final class Holder {
        static final Columns<OrderColumn> COLUMNS = new Columns<>(values(), OrderColumn::fieldName);
    }
}
