package dev.tierfeed.serving.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;

/**
 * Whether the fan-out keeps its promise of about a second: unhealthy while posts wait longer than
 * {@code maxLag} (TIERFEED_FANOUT_MAX_LAG) to be fanned out. Posts are still accepted meanwhile;
 * the backlog waits in Kafka and drains.
 */
public final class FanOutLagHealthCheck extends HealthCheck {
    private final FanOutLag lag;
    private final Duration maxLag;

    public FanOutLagHealthCheck(FanOutLag lag, Duration maxLag) {
        this.lag = lag;
        this.maxLag = maxLag;
    }

    @Override
    protected Result check() throws Exception {
        FanOutLag.Reading reading = lag.current();
        String what = reading.records() + " posts waiting, " + reading.behind().toMillis() + " ms behind";
        return reading.behind().compareTo(maxLag) <= 0 ? Result.healthy(what)
                : Result.unhealthy(what + ", more than " + maxLag + " (TIERFEED_FANOUT_MAX_LAG)");
    }
}
