package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How orders and activations look on the wire (TAP_GET_ORDER_API, TAP_GET_ACTIVATION_STATUS_API).
 * Values the text types as "Number" are sent as strings of digits, like statusCode and uniqueId.
 */
final class OrderViews {

    /** orderCreationDate, UTC, e.g. "24-APR-25 10.28.10.000000 AM UTC". */
    private static final DateTimeFormatter CREATION_DATE =
            DateTimeFormatter.ofPattern("dd-MMM-yy hh.mm.ss.SSSSSS a 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static final String OTA_PENDING = "PENDING";
    static final String OTA_COMPLETED = "COMPLETED";

    private OrderViews() {
    }

    static String creationDate(Instant at) {
        return CREATION_DATE.format(at).toUpperCase(Locale.ENGLISH);
    }

    static ObjectNode orderHdr(OrderEntry o, String status) {
        OrderDraft d = o.draft;
        ObjectNode hdr = SandboxJson.object();
        hdr.put("orderCreationDate", creationDate(o.created.wall()));
        hdr.put("orderNumber", o.orderNumber);
        hdr.put("currencyCode", d.currencyCode());
        hdr.put("poNumber", d.poNumber());
        hdr.put("customerOrderRef", d.customerOrderRef() == null ? "" : d.customerOrderRef());
        hdr.put("billToCustomerName", d.billTo().reseller().name());
        hdr.put("shipToCustomerName", d.shipTo().customerName());
        hdr.put("orderStatus", status);
        boolean invoiced = OrderEntry.SUCCESS.equals(status);
        // the store invoices a booked order; before that there is nothing to show
        hdr.put("invoiceNumber", invoiced ? "9" + o.orderNumber : "");
        hdr.put("invoiceAmount", invoiced ? amount(o).toPlainString() : "");
        hdr.put("creditMemoNumber", "");
        hdr.put("creditMemoAmount", "");
        if (OrderEntry.ERROR.equals(status)) {
            // not in the documented shape: the sandbox adds the reason so an operator can see it
            hdr.put("errorMessage", o.errorMessage);
        }
        return hdr;
    }

    private static BigDecimal amount(OrderEntry o) {
        return o.lines.stream().map(l -> l.listPrice() == null ? BigDecimal.ZERO : new BigDecimal(l.listPrice()))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    /** The order's lines; with {@code serial}, only that serial's ("the information specific to the serial number"). */
    static ArrayNode orderLines(OrderEntry o, String serial) {
        ArrayNode lines = SandboxJson.array();
        // autorenewal is kept only where the billTo allows it ("there are some validations in the store for autorenewals")
        boolean autoRenewAllowed = "Y".equals(o.draft.billTo().site().autoRenewFlag());
        for (OrderDraft.Line l : o.lines) {
            if (serial != null && !l.serialNumber().equalsIgnoreCase(serial)) {
                continue;
            }
            ObjectNode n = lines.addObject();
            n.put("lineNumber", l.lineNumber());
            n.put("serviceType", l.serviceType());
            n.put("manufacturerModel", l.manufacturerModel());
            n.put("serialNumber", l.serialNumber());
            n.put("partNumber", l.partNumber());
            n.put("partDescription", l.partDescription());
            n.put("serviceStartDate", l.serviceStartDate().toString());
            n.put("serviceEndDate", l.serviceEndDate().toString());
            n.put("durationOfService", String.valueOf(l.durationMonths()));
            n.put("quantity", "1");
            n.put("ssoUserId", l.ssoUserEmailAddress() == null ? "" : l.ssoUserEmailAddress());
            n.put("deviceKey", l.deviceKey() == null ? "" : l.deviceKey());
            n.put("autoRenewalFlag", "Y".equals(l.autoRenewal()) && autoRenewAllowed ? "Y" : "N");
        }
        return lines;
    }

    /** One activation of a SUCCESS order's line. */
    static ObjectNode activation(OrderEntry o, OrderDraft.Line l, SandboxTime time, Duration otaPendingTime) {
        ObjectNode a = SandboxJson.object();
        a.put("serialNumber", l.serialNumber());
        a.put("partNumber", l.partNumber());
        a.put("partDescription", l.partDescription());
        a.put("serviceStartDate", l.serviceStartDate().toString());
        a.put("serviceEndDate", l.serviceEndDate().toString());
        a.put("activationRequestType", l.activationType());
        a.put("passcode", passcode(o.orderNumber, l));
        a.put("masterUnlock", "");
        a.put("masterUnlockQrcode", "");
        a.put("qrCodeLink", "");
        a.put("passcodeActivationStatus", "SUCCESS");
        a.put("passcodeActivationErrorMsg", "");
        a.put("otaActivationStatus", otaPending(o, l, time, otaPendingTime) ? OTA_PENDING : OTA_COMPLETED);
        a.put("otaActivationErrorMsg", "");
        a.put("passcodeFileType", "");
        a.put("passcodeFileContent", "");
        a.put("masterUnlockFileType", "");
        a.put("masterUnlockFileContent", "");
        return a;
    }

    /**
     * OTA is pending for otaPendingTime after the order became SUCCESS and after every resend, and for a
     * SCHEDULED line until its activationDate (UTC) has come.
     */
    private static boolean otaPending(OrderEntry o, OrderDraft.Line l, SandboxTime time, Duration otaPendingTime) {
        Duration success = o.successFor(time);
        if (success == null || success.compareTo(otaPendingTime) < 0) {
            return true;
        }
        Moment resend = o.lastResend(l.lineNumber());
        if (resend != null && !time.reached(resend, otaPendingTime)) {
            return true;
        }
        return "SCHEDULED".equals(l.activationType()) && l.activationDate() != null
                && l.activationDate().isAfter(time.todayUtc());
    }

    /** Deterministic per order, serial and part, so repeated reads agree: "3F9A1-0C2B7-…". */
    static String passcode(String orderNumber, OrderDraft.Line l) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((orderNumber + "|"
                    + l.serialNumber().toUpperCase(Locale.ROOT) + "|" + l.partNumber()).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().withUpperCase().formatHex(hash, 0, 10);
            return String.join("-", hex.substring(0, 5), hex.substring(5, 10), hex.substring(10, 15), hex.substring(15, 20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
