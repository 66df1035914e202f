package dev.hollerith.pull.control;

import dev.hollerith.integrations.control.Credentials;
import dev.hollerith.integrations.control.PullRequestTemplate;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundFailed;
import dev.hollerith.outbound.control.OutboundHttp;
import dev.hollerith.outbound.control.OutboundRefused;
import dev.hollerith.outbound.control.OutboundRequest;
import dev.hollerith.outbound.control.OutboundResponse;
import dev.hollerith.ratelimit.control.Allowance;
import dev.hollerith.ratelimit.control.RateLimit;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.widgetdata.control.Validators;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs leased pulls in three steps, none holding a thread or a transaction while an upstream is
 * asked: {@link #prepare} builds the requests of a whole batch of jobs from a few queries,
 * {@link #start} sends one (non-blocking, through {@link OutboundHttp} and its SSRF guard) with the
 * validators of the last answer, {@link #conclude} turns the answer into the outcome that
 * {@link PullOutcomes} records.
 */
@ApplicationScoped
public class PullRunner {

    private static final Logger LOG = Logger.getLogger(PullRunner.class.getName());

    @Inject
    PullInputs inputs;

    @Inject
    Credentials credentials;

    @Inject
    PullJobs jobs;

    @Inject
    OutboundHttp outbound;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    PullSettings settings;

    /**
     * The validators this instance last stored per data key, so that preparing a batch costs no
     * database read for keys it pulled before. Another writer of the key (another instance, a
     * webhook) may have changed them meanwhile: the worst outcome is one unconditional request
     * or a 304 for data we hold anyway, never a wrong version (versions follow the content hash).
     */
    private final Map<String, Validators> lastValidators = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    UpstreamBudgets budgets;

    /** A pull ready to send at its due time, or already decided (nothing to send). */
    public record Attempt(LeasedJob job, OutboundRequest request, PullOptions options, WidgetConfig config, Duration interval,
                          Optional<PullOutcome> decided) {
    }

    /** What came back for an attempt: the answer or the failure, and when it was sent. */
    public record Completion(Attempt attempt, OutboundResponse response, Throwable failure, Instant started) {
    }

    /**
     * Builds the attempts of a batch of leased jobs; jobs whose integration or config went away (or
     * no longer fit the job's discriminator) are deleted and left out. What is derived from
     * definitions and options comes from {@link PullInputs}, kept per version; no transaction is
     * started per job (budgets are only asked for integrations that have one).
     */
    public List<Attempt> prepare(List<LeasedJob> batch) {
        Map<Long, Set<String>> configIds = new HashMap<>();
        Map<Long, List<String>> discriminators = new HashMap<>();
        for (LeasedJob job : batch) {
            configIds.computeIfAbsent(job.integrationId(), id -> new LinkedHashSet<>()).add(job.widgetConfigId());
            discriminators.computeIfAbsent(job.integrationId(), id -> new ArrayList<>()).add(job.discriminator());
        }
        Map<Long, PullInputs.Definition> definitions = inputs.definitions(configIds.keySet());
        Map<String, PullInputs.ConfigPlan> plans = inputs.plans(definitions, configIds);
        Map<String, Validators> conditions = new HashMap<>();
        discriminators.forEach((integration, keys) -> {
            List<String> unknown = new ArrayList<>();
            for (String discriminator : keys) {
                Validators known = lastValidators.get(key(integration, discriminator));
                if (known != null) {
                    conditions.put(key(integration, discriminator), known);
                } else {
                    unknown.add(discriminator);
                }
            }
            inputs.validators(integration, unknown).forEach((discriminator, found) -> {
                conditions.put(key(integration, discriminator), found);
                remember(key(integration, discriminator), found);
            });
        });
        Map<String, Optional<Map<String, String>>> secretsByOwner = new HashMap<>();
        Duration fallbackTimeout = settings.defaultTimeout();

        List<Attempt> attempts = new ArrayList<>(batch.size());
        for (LeasedJob job : batch) {
            PullInputs.Definition definition = definitions.get(job.integrationId());
            PullInputs.ConfigPlan plan = plans.get(PullInputs.key(job.integrationId(), job.widgetConfigId()));
            if (definition == null || plan == null || !definition.options().pullable() || !plan.discriminator().equals(job.discriminator())) {
                // gone or reconfigured: the next read or reconcile creates the job that fits now
                jobs.delete(job.id());
                continue;
            }
            WidgetIntegration integration = definition.integration();
            WidgetConfig config = plan.config();
            PullOptions options = definition.options();
            Duration interval = settings.interval(integration.pullIntervalSeconds());
            if (definition.budgeted()) {
                // an upstream budget (issue 17) stretches the interval so that the credential set's pulls fit it evenly
                interval = budgets.effectiveInterval(integration, job.organizationId(), interval);
            }
            try {
                String owner = integration.id() + "|" + (integration.credentialScope() == CredentialScope.ORGANIZATION
                        ? "org:" + config.organizationId() : "config:" + config.id());
                Map<String, String> secrets = secretsByOwner.computeIfAbsent(owner, key -> credentials.resolve(integration, config))
                        .orElseThrow(() -> new UpstreamProblem("Credentials for this integration are not configured", Optional.empty()));
                OutboundRequest request = plan.request(secrets, fallbackTimeout,
                        () -> definition.template().render(secrets, plan.values(), fallbackTimeout));
                request = withValidators(request, conditions.getOrDefault(key(job.integrationId(), job.discriminator()), Validators.NONE));
                if (definition.budgeted() && !budgets.trySpend(integration, job.organizationId(), job.widgetConfigId())) {
                    // the budget is spent: paused until its window resets, which is no failure
                    attempts.add(decided(job, options, config, interval, PullOutcome.postponed(job, budgets.usage(integration, job.organizationId(),
                            job.widgetConfigId()).map(UpstreamBudgets.Usage::windowEnd).orElse(Instant.now().plus(interval)))));
                    continue;
                }
                attempts.add(new Attempt(job, request, options, config, interval, Optional.empty()));
            } catch (UpstreamProblem problem) {
                attempts.add(decided(job, options, config, interval, failure(job, problem.getMessage(), Optional.empty())));
            } catch (PullRequestTemplate.Unrenderable | IllegalArgumentException expected) {
                attempts.add(decided(job, options, config, interval, failure(job, expected.getMessage(), Optional.empty())));
            } catch (RuntimeException unexpected) {
                // the exception may carry a credential (it was built while filling them in): its type only
                LOG.log(Level.WARNING, "Preparing the pull of integration {0} failed unexpectedly: {1}",
                        new Object[] {job.integrationId(), unexpected.getClass().getName()});
                attempts.add(decided(job, options, config, interval, failure(job, "Internal error while fetching the data", Optional.empty())));
            }
        }
        return attempts;
    }

    /** Sends the attempt now (or records why not); the future completes on an I/O thread. */
    public CompletableFuture<Completion> start(Attempt attempt) {
        Instant started = Instant.now();
        if (attempt.decided().isPresent()) {
            return CompletableFuture.completedFuture(new Completion(attempt, null, null, started));
        }
        Optional<Long> perMinute = attempt.options().rateLimitPerMinute();
        if (perMinute.isPresent()) {
            Allowance allowance = rateLimiter.tryConsume(RateLimit.perMinute("pull-upstream", perMinute.get()),
                    Long.toString(attempt.job().integrationId()));
            if (!allowance.allowed()) {
                PullOutcome later = PullOutcome.postponed(attempt.job(), started.plusSeconds(Math.max(1, allowance.retryAfterSeconds())));
                return CompletableFuture.completedFuture(new Completion(
                        new Attempt(attempt.job(), null, attempt.options(), attempt.config(), attempt.interval(), Optional.of(later)),
                        null, null, started));
            }
        }
        return outbound.sendAsync(attempt.request()).handle((response, failure) -> new Completion(attempt, response, failure, started));
    }

    /** The outcome of a completed attempt: parses the answer, so it runs on a worker, never on an I/O thread. */
    public PullOutcome conclude(Completion done) {
        Attempt attempt = done.attempt();
        LeasedJob job = attempt.job();
        long lateness = Math.max(0, Duration.between(job.dueAt(), done.started()).toMillis());
        if (attempt.decided().isPresent()) {
            return attempt.decided().get().at(done.started(), lateness);
        }
        Instant next = next(done.started(), attempt.interval());
        try {
            if (done.failure() != null) {
                Throwable cause = done.failure() instanceof java.util.concurrent.CompletionException && done.failure().getCause() != null
                        ? done.failure().getCause() : done.failure();
                if (cause instanceof OutboundFailed || cause instanceof OutboundRefused) {
                    // OutboundHttp built these messages and redacted them
                    return failure(job, cause.getMessage(), Optional.empty()).at(done.started(), lateness);
                }
                LOG.log(Level.WARNING, "Pull of integration {0} failed unexpectedly: {1}",
                        new Object[] {job.integrationId(), cause.getClass().getName()});
                return failure(job, "Internal error while fetching the data", Optional.empty()).at(done.started(), lateness);
            }
            OutboundResponse response = done.response();
            if (response.status() == 304) {
                return PullOutcome.notModified(job, next).at(done.started(), lateness);
            }
            if (!response.isSuccess()) {
                throw new UpstreamProblem("The upstream answered HTTP " + response.status(),
                        response.status() == 429 || response.status() == 503
                                ? Backoff.parseRetryAfter(response.header("Retry-After").orElse(null), Instant.now()) : Optional.empty());
            }
            JsonValue data = UpstreamAnswer.data(response.body(), attempt.options(), attempt.config().options());
            remember(key(job.integrationId(), job.discriminator()),
                    new Validators(response.header("ETag").orElse(null), response.header("Last-Modified").orElse(null)));
            return PullOutcome.succeeded(job, new PullOutcome.Answer(data, response.header("ETag").orElse(null),
                    response.header("Last-Modified").orElse(null)), next).at(done.started(), lateness);
        } catch (UpstreamProblem problem) {
            return failure(job, problem.getMessage(), problem.retryAfter).at(done.started(), lateness);
        } catch (IllegalArgumentException unusable) {
            return failure(job, attempt.request().redact(unusable.getMessage()), Optional.empty()).at(done.started(), lateness);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "Pull of integration {0} failed unexpectedly: {1}",
                    new Object[] {job.integrationId(), unexpected.getClass().getName()});
            return failure(job, "Internal error while fetching the data", Optional.empty()).at(done.started(), lateness);
        }
    }

    /** The next run after a success: one interval on, plus a little random delay so that jobs made due together spread out. */
    private Instant next(Instant started, Duration interval) {
        long spreadMs = (long) (interval.toMillis() * settings.intervalJitter() * ThreadLocalRandom.current().nextDouble());
        return started.plus(interval).plusMillis(spreadMs);
    }

    private PullOutcome failure(LeasedJob job, String message, Optional<Duration> retryAfter) {
        int failures = job.failures() + 1;
        Duration wait = settings.backoff().after(failures, retryAfter, ThreadLocalRandom.current()::nextDouble);
        return PullOutcome.failed(job, new PullOutcome.Failure(message, failures, wait));
    }

    private static Attempt decided(LeasedJob job, PullOptions options, WidgetConfig config, Duration interval, PullOutcome outcome) {
        return new Attempt(job, null, options, config, interval, Optional.of(outcome));
    }

    private static OutboundRequest withValidators(OutboundRequest request, Validators last) {
        if (last.etag() != null) {
            request = request.withHeader("If-None-Match", last.etag());
        }
        if (last.lastModified() != null) {
            request = request.withHeader("If-Modified-Since", last.lastModified());
        }
        return request;
    }

    private static String key(long integrationId, String discriminator) {
        return integrationId + "|" + discriminator;
    }

    private void remember(String key, Validators validators) {
        if (lastValidators.size() > 200_000) {
            lastValidators.clear(); // a bound, not a policy: misses are one key lookup each
        }
        lastValidators.put(key, validators);
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
