package io.tapbridge.operations;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.tapbridge.ledger.OperatorQueries;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's actions as an MBean ({@code io.tapbridge:type=Operations}): answers from the ledger, the one safe
 * repair, and the scheduled jobs on demand. Every action is logged with who asked (the management login, see
 * {@link ManagementGuard}).
 */
public final class Operations extends ServiceSupport implements OperationsMBean {

    public static final String NAME = "io.tapbridge:type=Operations";
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final OperatorQueries ledger;
    /** The scheduled jobs by name, and how one is started now (it throws IllegalArgumentException when it cannot be). */
    private final Supplier<List<String>> jobs;
    private final Consumer<String> runJob;
    /** (serial, partNumber) → the resend file it was recorded as: the resend flow's own intake. */
    private final BiFunction<String, String, String> resend;

    private Operations(OperatorQueries ledger, Supplier<List<String>> jobs, Consumer<String> runJob, BiFunction<String, String, String> resend) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.runJob = runJob;
        this.resend = resend;
    }

    /** Registers the MBean while the context runs. */
    public static void register(CamelContext camel, OperatorQueries ledger, Supplier<List<String>> jobs, Consumer<String> runJob,
            BiFunction<String, String, String> resend) throws Exception {
        camel.addService(new Operations(ledger, jobs, runJob, resend), true, true);
    }

    @Override
    protected void doStart() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name); // a bridge started again in the same JVM (tests)
        }
        server.registerMBean(this, name);
    }

    @Override
    protected void doStop() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }

    @Override
    public List<Map<String, String>> whereIs(String text) {
        return ledger.whereIs(text);
    }

    @Override
    public List<Map<String, String>> attention() {
        return ledger.attention();
    }

    @Override
    public String retryBatch(long id) {
        OperatorQueries.Retry retry = ledger.retryBatch(id);
        if (retry.done()) {
            LOG.warn("Operator action by {}: retryBatch({}): {}", ManagementGuard.asking(), id, retry.message());
            return retry.message();
        }
        LOG.warn("Operator action by {}: retryBatch({}) refused: {}", ManagementGuard.asking(), id, retry.message());
        return "refused: " + retry.message();
    }

    @Override
    public String resendActivation(String serialNumber, String partNumber) {
        String recorded;
        try {
            recorded = resend.apply(serialNumber, partNumber);
        } catch (RuntimeException e) {
            LOG.warn("Operator action by {}: resendActivation({}, {}) refused: {}", ManagementGuard.asking(), serialNumber, partNumber,
                    e.getMessage());
            return "refused: " + e.getMessage();
        }
        LOG.warn("Operator action by {}: resendActivation({}, {}): recorded as {}", ManagementGuard.asking(), serialNumber, partNumber,
                recorded);
        return "recorded as " + recorded + ": sent once, its result in outbox/ as for any resend file (whereIs " + serialNumber + ")";
    }

    @Override
    public String runJob(String name) {
        try {
            runJob.accept(name);
        } catch (RuntimeException e) {
            LOG.warn("Operator action by {}: runJob({}) refused: {}", ManagementGuard.asking(), name, e.getMessage());
            return "refused: " + e.getMessage();
        }
        LOG.warn("Operator action by {}: runJob({}): started", ManagementGuard.asking(), name);
        return "started " + name;
    }

    @Override
    public List<String> getJobs() {
        return jobs.get();
    }
}
