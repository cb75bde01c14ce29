package io.tapbridge.settings;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.util.TimeUtils;

/**
 * {@code {{duration:some.key}}} resolves {@code some.key} ("30s", "5m", "1h30m", "250") to milliseconds.
 *
 * <p>Settings are written as durations for people; Quartz's {@code trigger.repeatInterval} wants milliseconds.
 */
public final class DurationPropertiesFunction implements PropertiesFunction {

    private final CamelContext context;

    DurationPropertiesFunction(CamelContext context) {
        this.context = context;
    }

    @Override
    public String getName() {
        return "duration";
    }

    @Override
    public String apply(String key) {
        String value = context.getPropertiesComponent().resolveProperty(key.trim())
                .orElseThrow(() -> new IllegalArgumentException("No setting " + key.trim() + " for {{duration:" + key + "}}"));
        return Long.toString(TimeUtils.toMilliSeconds(value.trim()));
    }

    /** Registers the function before the routes are read. */
    public static final class Installer extends MainListenerSupport {
        @Override
        public void beforeConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            context.getPropertiesComponent().addPropertiesFunction(new DurationPropertiesFunction(context));
        }
    }
}
