package dev.tierfeed.serving.metrics;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.AdminEnvironment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Serves every metric of Dropwizard's registry in the Prometheus text format at {@code /metrics}
 * on the admin port (in place of Dropwizard's JSON), through the Prometheus client's exporter.
 */
public final class PrometheusEndpoint {
    public static final String PATH = "/metrics";

    private PrometheusEndpoint() {
    }

    public static void register(MetricRegistry metrics, AdminEnvironment admin) {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        prometheus.register(new DropwizardExports(metrics));
        admin.addServlet("prometheus", new PrometheusMetricsServlet(prometheus)).addMapping(PATH);
    }
}
