package io.tapbridge.model;

import java.util.Optional;

/**
 * The columns of the ERP's machines CSV ({@code inbox/machines/}): one row per machine and what should become of
 * it in tapio. Names follow tapio's API texts where a field goes to tapio unchanged.
 */
public enum MachineColumn {
    /** register (default), unassign, offboard or delete. */
    ACTION("action"),
    SERIAL_NUMBER("serialNumber"),
    DISPLAY_NAME("displayName"),
    DEVICE_TYPE("deviceType"),
    DEVICE_SUB_TYPE("deviceSubType"),
    TMID_POSTFIX("tmidPostfix"),
    IS_TAPIO_READY("isTapioReady"),
    /** The ERP's customer number; blank: register the machine only. */
    CUSTOMER_NUMBER("customerNumber"),
    /** The name the customer sees; default displayName. */
    MACHINE_NAME("machineName"),
    NOTIFY_CUSTOMER("notifyCustomer"),
    // a new customer, used only when tapio has no customer with that customerNumber
    COMPANY_NAME("companyName"),
    ADMIN_USER_EMAIL("adminUserEmail"),
    ADMIN_USER_TITLE("adminUserTitle"),
    ADMIN_USER_FIRST_NAME("adminUserFirstName"),
    ADMIN_USER_LAST_NAME("adminUserLastName"),
    COMPANY_STREET("companyStreet"),
    COMPANY_TOWN("companyTown"),
    COMPANY_ZIP_CODE("companyZipCode"),
    COMPANY_COUNTRY("companyCountry"),
    COMPANY_VAT("companyVat"),
    LOCALE_ID("localeId"),
    TEL_VOICE("telVoice"),
    TIME_ZONE("timeZone"),
    // licences for the applications the customer bought for this machine
    APPLICATION_IDS("applicationIds"),
    LICENSE_NAME("licenseName"),
    LICENSE_SERIAL_NUMBER("licenseSerialNumber"),
    LICENSE_VALID_FROM("licenseValidFrom"),
    LICENSE_VALID_TO("licenseValidTo"),
    MACHINE_COUNT("machineCount"),
    CONTRACT_NUMBER("contractNumber"),
    TERMS_VERSION("termsVersion"),
    TERMS_LANGUAGE("termsLanguage"),
    CLOUD_CONNECTOR("cloudConnector"),
    CLOUD_CONNECTOR_NAME("cloudConnectorName");

    private final String fieldName;

    MachineColumn(String fieldName) {
        this.fieldName = fieldName;
    }

    public String fieldName() {
        return fieldName;
    }

    public static Optional<MachineColumn> byHeaderName(String name) {
        return Holder.COLUMNS.byHeaderName(name);
    }

    public static String allowedNames() {
        return Holder.COLUMNS.allowedNames();
    }

    /** Built after the constants exist. */
    private static final class Holder {
        static final Columns<MachineColumn> COLUMNS = new Columns<>(values(), MachineColumn::fieldName);
    }
}
