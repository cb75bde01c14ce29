package io.tapbridge.exports;

import java.util.List;
import java.util.Map;

import io.tapbridge.intake.ErpFileRejected;
import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobKey;
import org.quartz.SchedulerException;

/**
 * The scheduled jobs by name (the export names without {@code .csv}), each a Quartz trigger of group
 * {@code tap-bridge}: run now by an operator ({@code runJob}) or by a trigger file {@code inbox/jobs/<job-name>}.
 */
public final class ExportJobs {

    private final CamelContext camel;
    /** Job name → its Quartz trigger. */
    private final Map<String, String> triggers;

    public ExportJobs(CamelContext camel, Map<String, String> triggers) {
        this.camel = camel;
        this.triggers = Map.copyOf(triggers);
    }

    public List<String> names() {
        return triggers.keySet().stream().sorted().toList();
    }

    /**
     * Starts the job now (its run goes on in the background, as a scheduled one does).
     *
     * @throws IllegalArgumentException when there is no such job, or it is switched off
     */
    public void run(String name) {
        String trigger = name == null ? null : triggers.get(name.strip());
        if (trigger == null) {
            throw new IllegalArgumentException("no job '" + name + "'; the jobs are " + String.join(", ", names()));
        }
        try {
            JobKey job = JobKey.jobKey(trigger, "tap-bridge");
            var scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
            if (!scheduler.checkExists(job)) {
                throw new IllegalArgumentException("job '" + name + "' is switched off (its …-enabled setting)");
            }
            scheduler.triggerJob(job);
        } catch (SchedulerException e) {
            throw new IllegalStateException("job '" + name + "' could not be started: " + e.getMessage(), e);
        }
    }

    /** A trigger file {@code inbox/jobs/<job-name>}: its name is the job's. An unknown name is refused with the reason. */
    public String runFromFile(@Header("CamelFileName") String name) {
        try {
            run(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw new ErpFileRejected(e.getMessage());
        }
    }
}
