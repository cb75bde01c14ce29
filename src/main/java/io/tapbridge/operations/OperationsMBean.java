package io.tapbridge.operations;

import java.util.List;
import java.util.Map;

/** The operator's actions, as Hawtio's JMX tab and Jolokia show them ({@code io.tapbridge:type=Operations}). */
public interface OperationsMBean {

    /** Every order line and machines row a file name, PO, serial number, TAP uniqueId or order number, or tmid names. */
    List<Map<String, String>> whereIs(String text);

    /** What waits for a person, and why, oldest first. */
    List<Map<String, String>> attention();

    /** Sends a batch again that TAP refused and provably never created; anything else is refused with the reason. */
    String retryBatch(long id);

    /** Asks TAP to resend a device's activation (blank partNumber: every active service), through the resend flow. */
    String resendActivation(String serialNumber, String partNumber);

    /** Runs a scheduled job now, by its name. */
    String runJob(String name);

    /** The names {@link #runJob} takes. */
    List<String> getJobs();
}
