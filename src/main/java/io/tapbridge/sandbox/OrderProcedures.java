package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TAP_CREATE_ORDER_API, TAP_GET_ORDER_API, TAP_GET_ACTIVATION_STATUS_API and TAP_RESEND_ACTIVATION_API.
 * Every lookup is limited to the calling client's orders.
 */
final class OrderProcedures {

    static final String NO_RECORDS = "No records found for requested parameters";
    static final String NO_DATA = "No data found";

    private final OrderBook orders;
    private final OrderValidator validator;
    private final SandboxTime time;
    private final TapSandboxSettings settings;
    private final List<String> resentSerials = new ArrayList<>();
    private final List<String> resentServices = new ArrayList<>();

    OrderProcedures(OrderBook orders, OrderValidator validator, SandboxTime time, TapSandboxSettings settings) {
        this.orders = orders;
        this.validator = validator;
        this.time = time;
        this.settings = settings;
    }

    /** Validates, then creates the order ORDER_CREATION_INPROGRESS; its uniqueId is this call's uniqueId. */
    ObjectNode createOrder(String clientId, ObjectNode request, String uniqueId) throws TapError {
        List<String> problems = new ArrayList<>();
        OrderDraft draft = validator.validate(clientId, request, problems);
        OrderEntry created = orders.create(clientId, uniqueId, draft, problems);
        if (created == null) {
            throw new TapError(problems);
        }
        return TapResponses.success(uniqueId);
    }

    /**
     * The newest of the client's orders that match, as {@link TapSandboxSettings#orderLookup()} combines the
     * parameters; a look-up by serial number shows only that serial's lines.
     */
    ObjectNode getOrder(String clientId, ObjectNode request, String uniqueId) throws TapError {
        List<String> problems = new ArrayList<>();
        FieldReader r = new FieldReader(request, "", Set.of("uniqueID", "serialNumber", "poNumber"), problems);
        Optional<String> orderId = r.number("uniqueID");
        Optional<String> givenSerial = r.filter("serialNumber");
        Optional<String> givenPo = r.filter("poNumber");
        if (problems.isEmpty() && orderId.isEmpty() && givenSerial.isEmpty() && givenPo.isEmpty()) {
            problems.add("Any one of uniqueID, serialNumber or poNumber is mandatory");
        }
        TapError.throwIfAny(problems);
        boolean firstGiven = settings.orderLookup() == TapSandboxSettings.OrderLookup.FIRST_GIVEN;
        // FIRST_GIVEN: uniqueID outranks serialNumber, which outranks poNumber; the others are ignored
        Optional<String> serial = firstGiven && orderId.isPresent() ? Optional.empty() : givenSerial;
        Optional<String> poNumber = firstGiven && (orderId.isPresent() || serial.isPresent()) ? Optional.empty() : givenPo;
        List<OrderEntry> mine = orders.candidates(clientId, orderId, Optional.empty(), serial);
        for (int i = mine.size() - 1; i >= 0; i--) {
            OrderEntry o = mine.get(i);
            if (orderId.isPresent() && !sameNumber(o.uniqueId, orderId.get())
                    || poNumber.isPresent() && !poNumber.get().equals(o.draft.poNumber())
                    || serial.isPresent() && o.lines.stream().noneMatch(l -> l.serialNumber().equalsIgnoreCase(serial.get()))) {
                continue;
            }
            String status = o.status(time);
            ObjectNode body = TapResponses.success(uniqueId);
            body.put("uniqueID", o.uniqueId);
            ObjectNode header = OrderViews.orderHdr(o, status);
            if (settings.omitOrderNumber()) {
                header.remove("orderNumber");
            }
            body.set("orderHdr", header);
            body.set("orderLine", OrderViews.orderLines(o, serial.orElse(null)));
            return body;
        }
        throw new TapError(NO_RECORDS);
    }

    /** Activations of the client's SUCCESS orders, one per line, by orderNumber and/or serialNumber. */
    ObjectNode activationStatus(String clientId, ObjectNode request, String uniqueId) throws TapError {
        List<String> problems = new ArrayList<>();
        FieldReader r = new FieldReader(request, "", Set.of("orderNumber", "serialNumber"), problems);
        Optional<String> orderNumber = r.number("orderNumber");
        Optional<String> serial = r.filter("serialNumber");
        if (problems.isEmpty() && orderNumber.isEmpty() && serial.isEmpty()) {
            problems.add("Any one of orderNumber or serialNumber is mandatory");
        }
        TapError.throwIfAny(problems);
        ObjectNode body = TapResponses.success(uniqueId);
        ArrayNode activations = body.putArray("activations");
        for (OrderEntry o : orders.candidates(clientId, Optional.empty(), orderNumber, serial)) {
            if (orderNumber.isPresent() && !sameNumber(o.orderNumber, orderNumber.get())
                    || !OrderEntry.SUCCESS.equals(o.status(time))) {
                continue;
            }
            for (OrderDraft.Line l : o.lines) {
                if (serial.isEmpty() || l.serialNumber().equalsIgnoreCase(serial.get())) {
                    activations.add(OrderViews.activation(o, l, time, settings.otaPendingTime()));
                }
            }
        }
        if (activations.isEmpty()) {
            throw new TapError(NO_DATA);
        }
        return body;
    }

    /** Records a resend for every matching active line; OTA reports PENDING again for otaPendingTime. */
    ObjectNode resendActivation(String clientId, ObjectNode request, String uniqueId) throws TapError {
        List<String> problems = new ArrayList<>();
        FieldReader r = new FieldReader(request, "",
                Set.of("serialNumber", "partNumber", "orderNumber", "customerOrderRef", "activationDate"), problems);
        Optional<String> serial = r.mandatoryText("serialNumber");
        Optional<String> partNumber = r.filter("partNumber");
        Optional<String> orderNumber = r.filter("orderNumber");
        Optional<String> orderRef = r.filter("customerOrderRef");
        r.date("activationDate");
        TapError.throwIfAny(problems);
        Moment now = time.now();
        int resent = 0;
        for (OrderEntry o : orders.ofClient(clientId)) {
            if (!OrderEntry.SUCCESS.equals(o.status(time))
                    || orderNumber.isPresent() && !orderNumber.get().equals(o.orderNumber)
                    || orderRef.isPresent() && !orderRef.get().equals(o.draft.customerOrderRef())) {
                continue;
            }
            for (OrderDraft.Line l : o.lines) {
                if (l.serialNumber().equalsIgnoreCase(serial.get())
                        && (partNumber.isEmpty() || partNumber.get().equals(l.partNumber()))) {
                    o.resent(l.lineNumber(), now);
                    resent++;
                    synchronized (resentSerials) {
                        resentServices.add(l.serialNumber() + " " + l.partNumber());
                    }
                }
            }
        }
        if (resent == 0) {
            throw new TapError(NO_DATA);
        }
        synchronized (resentSerials) {
            resentSerials.add(serial.get());
        }
        return TapResponses.success(uniqueId);
    }

    /** Every service resent, as "serial partNumber", once per resend. */
    List<String> resentServices() {
        synchronized (resentSerials) {
            return List.copyOf(resentServices);
        }
    }

    List<String> resentSerials() {
        synchronized (resentSerials) {
            return List.copyOf(resentSerials);
        }
    }

    void clear() {
        synchronized (resentSerials) {
            resentSerials.clear();
            resentServices.clear();
        }
    }

    /** "013331" and "13331" name the same number. */
    private static boolean sameNumber(String a, String b) {
        return new BigInteger(a).equals(new BigInteger(b));
    }
}
