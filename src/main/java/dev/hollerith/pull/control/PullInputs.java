package dev.hollerith.pull.control;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.control.PullRequestTemplate;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundRequest;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgetdata.control.Validators;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import dev.hollerith.widgets.control.ConfigVersion;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a batch of leased pulls needs, read through the owning components (integrations, widget
 * configs, widget data) with one query per kind, and what the engine derives from it kept per
 * version: at thousands of pulls a second, parsing each config's options, hashing its discriminator
 * and building its request again for every run was where the CPU went (thread dumps under load).
 *
 * <p>A derived value is keyed by the integration id and config id and valid only for the
 * {@code updated_at} of both it was derived from; every batch reads the configs' current
 * {@code updated_at} (two columns, no options), so a changed config or integration is derived again
 * in the batch that first sees the change, on every instance, without any invalidation message.
 */
@ApplicationScoped
public class PullInputs {

    /** A bound, not a policy: a cleared cache costs one read and derivation per config. */
    private static final int MAX_PLANS = 200_000;

    @Inject
    Integrations integrations;

    @Inject
    WidgetConfigs widgetConfigs;

    @Inject
    WidgetDataStore store;

    private final Map<Long, Definition> definitions = new ConcurrentHashMap<>();
    private final Map<String, ConfigPlan> plans = new ConcurrentHashMap<>();

    /** What the engine derives from an integration's definition, once per version of it. */
    public record Definition(WidgetIntegration integration, Instant version, PullOptions options, PullRequestTemplate template,
                             boolean budgeted) {

        /** @param integration kept as derived: {@code version} is its updated_at at that moment */
        static Definition of(WidgetIntegration integration) {
            return new Definition(integration, integration.updatedAt(), PullOptions.of(integration), PullRequestTemplate.of(integration),
                    UpstreamBudgets.Budget.of(integration).isPresent());
        }
    }

    /**
     * What the engine derives from one config for one integration: the discriminator, the config
     * values of the request and, for requests that carry no credential, the rendered request itself.
     */
    public static final class ConfigPlan {
        private final WidgetConfig config;
        private final Instant configVersion;
        private final long integrationId;
        private final Instant integrationVersion;
        private final String discriminator;
        private final Map<String, String> values;
        private volatile Rendered rendered;

        ConfigPlan(Definition definition, WidgetConfig config) {
            this.config = config;
            this.configVersion = config.updatedAt(); // as derived: the entity is not ours to keep unchanged
            this.integrationId = definition.integration().id();
            this.integrationVersion = definition.version();
            this.discriminator = Discriminator.of(definition.integration(), config);
            this.values = PullRequestTemplate.configValues(config.options());
        }

        public WidgetConfig config() {
            return config;
        }

        public String discriminator() {
            return discriminator;
        }

        public Map<String, String> values() {
            return values;
        }

        boolean current(Definition definition, Instant configVersion) {
            return integrationVersion.equals(definition.version()) && Objects.equals(this.configVersion, configVersion);
        }

        /**
         * The request, rendered again only when what it is made of changed. A request that carries
         * credentials is never kept: decrypted credentials leave {@code Credentials} only for the
         * request that needs them, not for the life of a cache.
         */
        OutboundRequest request(Map<String, String> secrets, Duration fallbackTimeout, Supplier<OutboundRequest> render) {
            Rendered last = rendered;
            if (last != null && secrets.isEmpty() && last.fallbackTimeout().equals(fallbackTimeout)) {
                return last.request();
            }
            OutboundRequest request = render.get();
            rendered = secrets.isEmpty() && request.secrets().isEmpty() ? new Rendered(fallbackTimeout, request) : null;
            return request;
        }
    }

    private record Rendered(Duration fallbackTimeout, OutboundRequest request) {
    }

    /** The current definitions of these integrations; integrations that are gone are absent. */
    public Map<Long, Definition> definitions(Collection<Long> ids) {
        Map<Long, Definition> found = new HashMap<>();
        integrations.byIds(ids).forEach((id, integration) -> {
            Definition known = definitions.get(id);
            if (known == null || !known.version().equals(integration.updatedAt())) {
                known = Definition.of(integration);
                definitions.put(id, known);
            }
            found.put(id, known);
        });
        return found;
    }

    /** The definition for one integration at hand (the first read of a config). */
    public Definition definition(WidgetIntegration integration) {
        Definition known = definitions.get(integration.id());
        if (known == null || !known.version().equals(integration.updatedAt())) {
            known = Definition.of(integration);
            definitions.put(integration.id(), known);
        }
        return known;
    }

    /** The plan of one config at hand (the first read of a config). */
    public ConfigPlan plan(Definition definition, WidgetConfig config) {
        String key = key(definition.integration().id(), config.id());
        ConfigPlan known = plans.get(key);
        if (known == null || !known.current(definition, config.updatedAt())) {
            known = new ConfigPlan(definition, config);
            remember(key, known);
        }
        return known;
    }

    /**
     * The current plans of these (integration, config) pairs, keyed by {@link #key}; pairs whose
     * integration or config is gone are absent. Reads the configs' versions, and the whole config
     * only for those not planned at their current version.
     */
    public Map<String, ConfigPlan> plans(Map<Long, Definition> definitions, Map<Long, ? extends Collection<String>> configIdsByIntegration) {
        Set<String> configIds = new HashSet<>();
        configIdsByIntegration.values().forEach(configIds::addAll);
        return plans(definitions, configIdsByIntegration, widgetConfigs.versions(configIds));
    }

    /** The plans of these pairs, given the configs' current versions (configs without one are gone). */
    private Map<String, ConfigPlan> plans(Map<Long, Definition> definitions, Map<Long, ? extends Collection<String>> configIdsByIntegration,
                                          Map<String, Instant> versions) {
        Map<String, ConfigPlan> found = new HashMap<>();
        Map<Long, List<String>> missing = new LinkedHashMap<>();
        configIdsByIntegration.forEach((integrationId, ids) -> {
            Definition definition = definitions.get(integrationId);
            if (definition == null) {
                return;
            }
            for (String configId : ids) {
                Instant version = versions.get(configId);
                if (version == null) {
                    continue;
                }
                ConfigPlan known = plans.get(key(integrationId, configId));
                if (known != null && known.current(definition, version)) {
                    found.put(key(integrationId, configId), known);
                } else {
                    missing.computeIfAbsent(integrationId, id -> new ArrayList<>()).add(configId);
                }
            }
        });
        if (!missing.isEmpty()) {
            Set<String> toRead = new HashSet<>();
            missing.values().forEach(toRead::addAll);
            Map<String, WidgetConfig> read = widgetConfigs.byIds(toRead);
            missing.forEach((integrationId, ids) -> {
                Definition definition = definitions.get(integrationId);
                for (String configId : ids) {
                    WidgetConfig config = read.get(configId);
                    if (config != null) {
                        ConfigPlan plan = new ConfigPlan(definition, config);
                        remember(key(integrationId, configId), plan);
                        found.put(key(integrationId, configId), plan);
                    }
                }
            });
        }
        return found;
    }

    /**
     * Every config of the integration's widget with its discriminator (the reconcile), derived again
     * only for changed configs. The versions come with the widget's list of configs: asking them
     * again by id was one lookup of every config (10,000 ids in one {@code = ANY(?)}, which H2 checks
     * row by row against the whole array: a fifth of the server's CPU during a burst).
     */
    public List<ConfigPlan> plansOfWidget(Definition definition) {
        long integrationId = definition.integration().id();
        List<ConfigVersion> versions = widgetConfigs.versionsOfWidget(definition.integration().widgetId());
        List<String> ids = new ArrayList<>(versions.size());
        Map<String, Instant> current = new HashMap<>(versions.size() * 2);
        for (ConfigVersion version : versions) {
            ids.add(version.id());
            current.put(version.id(), version.updatedAt());
        }
        Map<String, ConfigPlan> planned = plans(Map.of(integrationId, definition), Map.of(integrationId, ids), current);
        List<ConfigPlan> inOrder = new ArrayList<>(planned.size());
        for (String id : ids) {
            ConfigPlan plan = planned.get(key(integrationId, id));
            if (plan != null) {
                inOrder.add(plan);
            }
        }
        return inOrder;
    }

    /** Every integration's current definition (the reconcile). */
    public List<Definition> allDefinitions() {
        List<Definition> all = new ArrayList<>();
        for (WidgetIntegration integration : integrations.all()) {
            all.add(definition(integration));
        }
        return all;
    }

    /** The validators of the last stored answer per discriminator of one integration (see {@link WidgetDataStore#validators}). */
    public Map<String, Validators> validators(long integrationId, Collection<String> discriminators) {
        return discriminators.isEmpty() ? Map.of() : store.validators(integrationId, discriminators);
    }

    public static String key(long integrationId, String configId) {
        return integrationId + "|" + configId;
    }

    private void remember(String key, ConfigPlan plan) {
        if (plans.size() > MAX_PLANS) {
            plans.clear();
        }
        plans.put(key, plan);
    }
}
