package io.tapbridge.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All orders, in creation order. One lock guards the list so that the in-progress check and the
 * insert of a new order are atomic: two concurrent creates for the same serial cannot both pass.
 * Orders are also indexed by client and serial, uniqueId and orderNumber, so that a create or a look-up
 * costs the same with ten orders as with a hundred thousand (the sandbox serves benchmarks too).
 */
final class OrderBook {

    private final SandboxTime time;
    private final TapSandboxSettings settings;
    private final List<OrderEntry> orders = new ArrayList<>();
    private final Map<String, List<OrderEntry>> bySerial = new HashMap<>();
    private final Map<String, OrderEntry> byUniqueId = new HashMap<>();
    private final Map<String, OrderEntry> byOrderNumber = new HashMap<>();
    /** Order numbers keep growing across reset(), like the store's. */
    private final AtomicLong orderNumbers = new AtomicLong(4_100_000);

    OrderBook(SandboxTime time, TapSandboxSettings settings) {
        this.time = time;
        this.settings = settings;
    }

    /**
     * Creates the order unless a serial of the draft is in an order of this client that is still
     * ORDER_CREATION_INPROGRESS; that refusal is added to {@code problems} (which may already hold
     * validation problems, so that all are reported together). Returns null when not created.
     */
    synchronized OrderEntry create(String clientId, String uniqueId, OrderDraft draft, List<String> problems) {
        Set<String> seen = new LinkedHashSet<>();
        for (OrderDraft.Line line : draft.lines()) {
            String serial = line.serialNumber();
            if (serial != null && seen.add(upper(serial)) && inProgress(clientId, serial)) {
                problems.add("Order creation is in progress for the serialNumber " + serial + " please try after some time");
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        // the store keeps a serial in the spelling it first saw and renews that device (usage note on case)
        List<OrderDraft.Line> lines = draft.lines().stream()
                .map(l -> l.withSerialNumber(knownSpelling(clientId, l.serialNumber()).orElse(l.serialNumber())))
                .toList();
        OrderEntry.Outcome outcome = OrderEntry.Outcome.SUCCESS;
        String errorMessage = null;
        String errorSerial = firstWithPrefix(lines, settings.errorSerialPrefix());
        if (errorSerial != null) {
            outcome = OrderEntry.Outcome.ERROR;
            errorMessage = "Order creation failed: serialNumber " + errorSerial
                    + " did not pass the TAP Store's serial number validation for its model";
        } else if (firstWithPrefix(lines, settings.holdSerialPrefix()) != null) {
            outcome = OrderEntry.Outcome.ON_HOLD;
        }
        OrderEntry entry = new OrderEntry(uniqueId, String.valueOf(orderNumbers.incrementAndGet()), clientId, draft, lines,
                time.now(), settings.processingTime(), settings.holdReleaseAfter(), outcome, errorMessage);
        orders.add(entry);
        byUniqueId.put(number(entry.uniqueId), entry);
        byOrderNumber.put(number(entry.orderNumber), entry);
        for (String serial : new LinkedHashSet<>(lines.stream().map(l -> upper(l.serialNumber())).toList())) {
            bySerial.computeIfAbsent(serialKey(clientId, serial), k -> new ArrayList<>()).add(entry);
        }
        return entry;
    }

    private boolean inProgress(String clientId, String serial) {
        return bySerial.getOrDefault(serialKey(clientId, serial), List.of()).stream()
                .anyMatch(o -> OrderEntry.INPROGRESS.equals(o.status(time)));
    }

    private Optional<String> knownSpelling(String clientId, String serial) {
        return bySerial.getOrDefault(serialKey(clientId, serial), List.of()).stream().findFirst()
                .flatMap(o -> o.lines.stream().map(OrderDraft.Line::serialNumber).filter(s -> s.equalsIgnoreCase(serial)).findFirst());
    }

    /**
     * The client's orders that can match the given keys, oldest first: narrowed by the most selective key
     * given; the caller still checks every key.
     */
    synchronized List<OrderEntry> candidates(String clientId, Optional<String> uniqueId, Optional<String> orderNumber,
            Optional<String> serial) {
        if (uniqueId.isPresent()) {
            return ofClient(byUniqueId.get(number(uniqueId.get())), clientId);
        }
        if (orderNumber.isPresent()) {
            return ofClient(byOrderNumber.get(number(orderNumber.get())), clientId);
        }
        if (serial.isPresent()) {
            return List.copyOf(bySerial.getOrDefault(serialKey(clientId, serial.get()), List.of()));
        }
        return ofClient(clientId);
    }

    private static List<OrderEntry> ofClient(OrderEntry entry, String clientId) {
        return entry != null && entry.clientId.equals(clientId) ? List.of(entry) : List.of();
    }

    private static String serialKey(String clientId, String serial) {
        return clientId + '\u0000' + upper(serial);
    }

    /** Ids are numbers: "0013331" and "13331" name the same order. */
    private static String number(String id) {
        String stripped = id.strip().replaceFirst("^0+(?=\\d)", "");
        return stripped;
    }

    /** The prefixes are matched case-insensitively: "hold-7" holds as well as "HOLD-7". */
    private static String firstWithPrefix(List<OrderDraft.Line> lines, String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return null;
        }
        return lines.stream().map(OrderDraft.Line::serialNumber)
                .filter(s -> upper(s).startsWith(upper(prefix))).findFirst().orElse(null);
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** The client's orders, oldest first. */
    synchronized List<OrderEntry> ofClient(String clientId) {
        return orders.stream().filter(o -> o.clientId.equals(clientId)).toList();
    }

    /** The latest valid ssoUserEmailAddress the store holds for a serial (the fallback of the usage notes). */
    synchronized Optional<String> latestSsoEmail(String clientId, String serial) {
        for (int i = orders.size() - 1; i >= 0; i--) {
            OrderEntry o = orders.get(i);
            if (!o.clientId.equals(clientId)) {
                continue;
            }
            for (OrderDraft.Line l : o.lines) {
                if (l.serialNumber().equalsIgnoreCase(serial) && l.ssoUserEmailAddress() != null) {
                    return Optional.of(l.ssoUserEmailAddress());
                }
            }
        }
        return Optional.empty();
    }

    /** Releases an order that is ORDER_ON_HOLD now; false if there is none with this id. */
    synchronized boolean release(String uniqueId) {
        for (OrderEntry o : orders) {
            if (o.uniqueId.equals(uniqueId) && OrderEntry.ON_HOLD.equals(o.status(time))) {
                o.release(time.now());
                return true;
            }
        }
        return false;
    }

    synchronized List<SandboxOrder> snapshot() {
        return orders.stream().map(o -> o.snapshot(time)).toList();
    }

    synchronized void clear() {
        orders.clear();
        bySerial.clear();
        byUniqueId.clear();
        byOrderNumber.clear();
    }
}
