package dev.pop3x.it;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.GuiceProbe;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

/**
 * The counters and gauges of a running James's metrics (James's {@link MetricFactory}, kept by Dropwizard), read by
 * name as an operator's metrics export shows them.
 */
public final class MetricsProbe implements GuiceProbe {
    private final MetricFactory metrics;
    private final MetricRegistry registry;

    @Inject
    MetricsProbe(MetricFactory metrics, MetricRegistry registry) {
        this.metrics = metrics;
        this.registry = registry;
    }

    public long count(String name) {
        return metrics.generate(name).getCount();
    }

    /** The gauge's value now; fails when no gauge has the name. */
    public long gauge(String name) {
        Gauge<?> gauge = registry.getGauges().get(name);
        if (gauge == null) {
            throw new IllegalStateException("No gauge " + name + " in James's metrics");
        }
        return ((Number) gauge.getValue()).longValue();
    }
}
