package io.tapbridge.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A create request that passed validation: what the store resolved from it (billTo/shipTo owners, part
 * descriptions, durations) next to the request exactly as received.
 */
record OrderDraft(String poNumber, String customerOrderRef, String currencyCode,
                  Catalogue.BillTo billTo, Catalogue.ShipTo shipTo, List<Line> lines,
                  Map<String, Object> receivedHeader, List<Map<String, Object>> receivedLines) {

    /** One resolved order line. {@code manufacturerModel} is the model part as sent (e.g. "NAV-900"). */
    record Line(String lineNumber, String serialNumber, String partNumber, String partDescription,
                String serviceType, String manufacturerModel, LocalDate serviceStartDate, int durationMonths,
                String activationType, LocalDate activationDate, String autoRenewal,
                String ssoUserEmailAddress, String deviceKey, String listPrice) {

        LocalDate serviceEndDate() {
            return serviceStartDate.plusMonths(durationMonths);
        }

        Line withSerialNumber(String serial) {
            return new Line(lineNumber, serial, partNumber, partDescription, serviceType, manufacturerModel,
                    serviceStartDate, durationMonths, activationType, activationDate, autoRenewal,
                    ssoUserEmailAddress, deviceKey, listPrice);
        }
    }
}
