package dev.pop3x.it;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.GuiceProbe;

/** The counters of a running James's {@link MetricFactory}, read by name as an operator's metrics export shows them. */
public final class MetricsProbe implements GuiceProbe {
    private final MetricFactory metrics;

    @Inject
    MetricsProbe(MetricFactory metrics) {
        this.metrics = metrics;
    }

    public long count(String name) {
        return metrics.generate(name).getCount();
    }
}
