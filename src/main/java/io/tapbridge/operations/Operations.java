package io.tapbridge.operations;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.tapbridge.ledger.OperatorQueries;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
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
    private final CamelContext camel;
    /** Job name → its Quartz trigger (group tap-bridge, as the routes name them). */
    private final Map<String, String> jobs;
    /** (serial, partNumber) → the resend file it was recorded as: the resend flow's own intake. */
    private final BiFunction<String, String, String> resend;

    private Operations(OperatorQueries ledger, CamelContext camel, Map<String, String> jobs, BiFunction<String, String, String> resend) {
        this.ledger = ledger;
        this.camel = camel;
        this.jobs = Map.copyOf(jobs);
        this.resend = resend;
    }

    /** Registers the MBean while the context runs. */
    public static void register(CamelContext camel, OperatorQueries ledger, Map<String, String> jobs,
            BiFunction<String, String, String> resend) throws Exception {
        camel.addService(new Operations(ledger, camel, jobs, resend), true, true);
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
        String trigger = name == null ? null : jobs.get(name.strip());
        if (trigger == null) {
            LOG.warn("Operator action by {}: runJob({}) refused: no such job", ManagementGuard.asking(), name);
            return "refused: no job '" + name + "'; the jobs are " + String.join(", ", getJobs());
        }
        try {
            camel.getComponent("quartz", QuartzComponent.class).getScheduler().triggerJob(JobKey.jobKey(trigger, "tap-bridge"));
        } catch (SchedulerException e) {
            LOG.warn("Operator action by {}: runJob({}) failed: {}", ManagementGuard.asking(), name, e.getMessage());
            return "failed: " + e.getMessage();
        }
        LOG.warn("Operator action by {}: runJob({}): started", ManagementGuard.asking(), name);
        return "started " + name;
    }

    @Override
    public List<String> getJobs() {
        return jobs.keySet().stream().sorted().toList();
    }
}
