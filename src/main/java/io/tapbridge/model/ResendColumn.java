package io.tapbridge.model;

import java.util.Optional;

/**
 * The columns of the ERP's resend CSV ({@code inbox/resend/}): one TAP_RESEND_ACTIVATION_API request a row, named
 * as the API text names its fields.
 */
public enum ResendColumn {
    /** Required: the device's serial number. */
    SERIAL_NUMBER("serialNumber"),
    /** One service of several active ones; blank: every active service of the serial. */
    PART_NUMBER("partNumber"),
    ORDER_NUMBER("orderNumber"),
    CUSTOMER_ORDER_REF("customerOrderRef"),
    /** When TAP sends it (UTC, YYYY-MM-DD); blank: now. */
    ACTIVATION_DATE("activationDate");

    private final String fieldName;

    ResendColumn(String fieldName) {
        this.fieldName = fieldName;
    }

    public String fieldName() {
        return fieldName;
    }

    public static Optional<ResendColumn> byHeaderName(String name) {
        return Holder.COLUMNS.byHeaderName(name);
    }

    public static String allowedNames() {
        return Holder.COLUMNS.allowedNames();
    }

    /** Built after the constants exist. */
    private static final class Holder {
        static final Columns<ResendColumn> COLUMNS = new Columns<>(values(), ResendColumn::fieldName);
    }
}
