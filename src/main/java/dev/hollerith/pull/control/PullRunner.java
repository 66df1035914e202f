package dev.hollerith.pull.control;

import dev.hollerith.integrations.control.Credentials;
import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.control.PullRequestTemplate;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundFailed;
import dev.hollerith.outbound.control.OutboundHttp;
import dev.hollerith.outbound.control.OutboundRefused;
import dev.hollerith.outbound.control.OutboundRequest;
import dev.hollerith.outbound.control.OutboundResponse;
import dev.hollerith.ratelimit.control.Allowance;
import dev.hollerith.ratelimit.control.RateLimit;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import dev.hollerith.widgetdata.entity.IntegrationData;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one leased pull: builds the request from the integration and the job's widget config, sends
 * it through {@link OutboundHttp} (the SSRF guard) with the validators of the last answer, and
 * records the outcome. No transaction is held while the upstream is asked.
 */
@ApplicationScoped
public class PullRunner {

    private static final Logger LOG = Logger.getLogger(PullRunner.class.getName());

    @Inject
    Integrations integrations;

    @Inject
    WidgetConfigs configs;

    @Inject
    Credentials credentials;

    @Inject
    WidgetDataStore store;

    @Inject
    PullJobs jobs;

    @Inject
    PullOutcomes outcomes;

    @Inject
    OutboundHttp outbound;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    PullSettings settings;

    @Inject
    UpstreamBudgets budgets;

    public void run(LeasedJob job) {
        Instant started = Instant.now();
        long lateness = Math.max(0, Duration.between(job.dueAt(), started).toMillis());
        Optional<WidgetIntegration> integration = integrations.find(job.integrationId())
                .filter(PullOptions::isPullable);
        Optional<WidgetConfig> config = configs.find(job.widgetConfigId());
        if (integration.isEmpty() || config.isEmpty() || !Discriminator.of(integration.get(), config.get()).equals(job.discriminator())) {
            // gone or reconfigured: the next read or reconcile creates the job that fits now
            jobs.delete(job.id());
            return;
        }
        PullRequestTemplate template = PullRequestTemplate.of(integration.get());
        PullOptions options = PullOptions.of(integration.get());
        // an upstream budget (issue 17) stretches the interval so that the credential set's pulls fit it evenly
        Duration interval = budgets.effectiveInterval(integration.get(), job.organizationId(), settings.interval(integration.get().pullIntervalSeconds()));
        Optional<Long> perMinute = options.rateLimitPerMinute();
        if (perMinute.isPresent()) {
            Allowance allowance = rateLimiter.tryConsume(RateLimit.perMinute("pull-upstream", perMinute.get()), Long.toString(job.integrationId()));
            if (!allowance.allowed()) {
                outcomes.postponed(job, started.plusSeconds(Math.max(1, allowance.retryAfterSeconds())));
                return;
            }
        }
        try {
            Map<String, String> secrets = credentials.resolve(integration.get(), config.get())
                    .orElseThrow(() -> new UpstreamProblem("Credentials for this integration are not configured", Optional.empty()));
            OutboundRequest request = template.render(secrets, PullRequestTemplate.configValues(config.get().options()), settings.defaultTimeout());
            request = withValidators(request, store.find(job.integrationId(), job.discriminator()));
            if (!budgets.trySpend(integration.get(), job.organizationId(), job.widgetConfigId())) {
                outcomes.postponed(job, budgets.usage(integration.get(), job.organizationId(), job.widgetConfigId())
                        .map(UpstreamBudgets.Usage::windowEnd).orElse(started.plus(interval)));
                return;
            }
            OutboundResponse response = outbound.send(request);
            if (response.status() == 304) {
                outcomes.notModified(job, started.plus(interval), started, lateness);
                return;
            }
            if (!response.isSuccess()) {
                throw new UpstreamProblem("The upstream answered HTTP " + response.status(),
                        response.status() == 429 || response.status() == 503
                                ? Backoff.parseRetryAfter(response.header("Retry-After").orElse(null), Instant.now()) : Optional.empty());
            }
            JsonValue data = UpstreamAnswer.data(response.body(), options, config.get().options());
            outcomes.succeeded(job, data, response.header("ETag").orElse(null), response.header("Last-Modified").orElse(null),
                    started.plus(interval), started, lateness);
        } catch (UpstreamProblem problem) {
            fail(job, problem.getMessage(), problem.retryAfter, started, lateness);
        } catch (PullRequestTemplate.Unrenderable | OutboundFailed | OutboundRefused | IllegalArgumentException expected) {
            fail(job, expected.getMessage(), Optional.empty(), started, lateness);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "Pull of integration " + job.integrationId() + " failed unexpectedly", unexpected);
            fail(job, "Internal error while fetching the data", Optional.empty(), started, lateness);
        }
    }

    private void fail(LeasedJob job, String message, Optional<Duration> retryAfter, Instant started, long lateness) {
        int failures = job.failures() + 1;
        Duration wait = settings.backoff().after(failures, retryAfter, ThreadLocalRandom.current()::nextDouble);
        outcomes.failed(job, message, failures, started.plus(wait), started, lateness);
    }

    private static OutboundRequest withValidators(OutboundRequest request, Optional<IntegrationData> last) {
        if (last.isEmpty() || !last.get().hasData()) {
            return request;
        }
        if (last.get().etag() != null) {
            request = request.withHeader("If-None-Match", last.get().etag());
        }
        if (last.get().lastModified() != null) {
            request = request.withHeader("If-Modified-Since", last.get().lastModified());
        }
        return request;
    }

    /** An upstream answer we cannot use; the message is safe to show to the organization. */
    static final class UpstreamProblem extends RuntimeException {
        final Optional<Duration> retryAfter;

        UpstreamProblem(String message, Optional<Duration> retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }
}
