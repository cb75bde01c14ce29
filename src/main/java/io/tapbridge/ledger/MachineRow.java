package io.tapbridge.ledger;

import java.util.Map;

import io.tapbridge.model.MachineColumn;

/**
 * One row of a machines file as the ledger knows it.
 *
 * <p>{@code claim} is the lease this copy of the row was claimed under: a copy whose claim lapsed and was claimed
 * again (here or on another instance) no longer works the row.
 *
 * <p>States: {@code PENDING} (steps to do; due at {@code due_at}) → {@code DONE} or {@code FAILED} (a step was
 * refused: {@code step} names it, {@code message} says why); {@code REJECTED}: the row broke a rule before any call.
 */
public record MachineRow(long id, long fileId, int rowNumber, String action, String serialNumber,
        Map<MachineColumn, String> fields, String state, String step, String tmid, String customerSubscriptionId,
        String message, int attempts, String claim) {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String REJECTED = "REJECTED";

    /** The ERP's value, or "" when blank or absent. */
    public String value(MachineColumn column) {
        String value = fields.get(column);
        return value == null ? "" : value;
    }

    public MachineRow claimedAs(String claim) {
        return new MachineRow(id, fileId, rowNumber, action, serialNumber, fields, state, step, tmid, customerSubscriptionId,
                message, attempts, claim);
    }

    public boolean has(MachineColumn column) {
        return !value(column).isEmpty();
    }
}
