package dev.hollerith.pull.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.IntegrationDefinition;
import dev.hollerith.integrations.entity.IntegrationType;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundRequest;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgets.control.ConfigVersion;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the pull engine derives per version is derived once per version, and again as soon as the version changes. */
class PullInputsTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** Stands for the widget configs component: the configs by id, counting whole reads. */
    static final class Configs extends WidgetConfigs {
        final Map<String, WidgetConfig> stored = new LinkedHashMap<>();
        final List<Collection<String>> wholeReads = new ArrayList<>();
        final List<Collection<String>> versionReads = new ArrayList<>();

        @Override
        public Map<String, WidgetConfig> byIds(Collection<String> ids) {
            wholeReads.add(List.copyOf(ids));
            Map<String, WidgetConfig> found = new HashMap<>();
            ids.stream().filter(stored::containsKey).forEach(id -> found.put(id, stored.get(id)));
            return found;
        }

        @Override
        public Map<String, Instant> versions(Collection<String> ids) {
            versionReads.add(List.copyOf(ids));
            Map<String, Instant> found = new HashMap<>();
            ids.stream().filter(stored::containsKey).forEach(id -> found.put(id, stored.get(id).updatedAt()));
            return found;
        }

        @Override
        public List<ConfigVersion> versionsOfWidget(String widgetId) {
            return stored.values().stream().filter(config -> config.widgetId().equals(widgetId))
                    .map(config -> new ConfigVersion(config.id(), config.organizationId(), config.updatedAt())).toList();
        }
    }

    static final class Definitions extends Integrations {
        final Map<Long, WidgetIntegration> stored = new LinkedHashMap<>();

        @Override
        public Map<Long, WidgetIntegration> byIds(Collection<Long> ids) {
            Map<Long, WidgetIntegration> found = new HashMap<>();
            ids.stream().filter(stored::containsKey).forEach(id -> found.put(id, stored.get(id)));
            return found;
        }

        @Override
        public List<WidgetIntegration> all() {
            return List.copyOf(stored.values());
        }
    }

    final Configs configs = new Configs();
    final Definitions integrations = new Definitions();
    final PullInputs inputs = new PullInputs();

    PullInputsTest() {
        inputs.widgetConfigs = configs;
        inputs.integrations = integrations;
    }

    static IntegrationDefinition weather(String query) {
        return new IntegrationDefinition("w", "weather", null, IntegrationType.PULL, CredentialScope.ORGANIZATION, json("{}"), null,
                "https://api.example/weather", 300, json("{\"query\":" + query + "}"), null, null, true);
    }

    WidgetIntegration integration(long id, IntegrationDefinition definition) throws Exception {
        WidgetIntegration integration = new WidgetIntegration(definition);
        var field = WidgetIntegration.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(integration, id);
        integrations.stored.put(id, integration);
        return integration;
    }

    WidgetConfig config(String options) {
        WidgetConfig config = new WidgetConfig("o1", "w", "c", json(options));
        configs.stored.put(config.id(), config);
        return config;
    }

    Map<String, PullInputs.ConfigPlan> batch(long integrationId, String... configIds) {
        return inputs.plans(inputs.definitions(Set.of(integrationId)), Map.of(integrationId, List.of(configIds)));
    }

    @Test
    void aConfigIsReadAndDerivedOncePerVersion() throws Exception {
        WidgetIntegration weather = integration(7, weather("{\"q\":\"{{config.city}}\"}"));
        WidgetConfig berlin = config("{\"city\":\"Berlin\"}");
        WidgetConfig paris = config("{\"city\":\"Paris\"}");

        Map<String, PullInputs.ConfigPlan> first = batch(7, berlin.id(), paris.id());
        Map<String, PullInputs.ConfigPlan> second = batch(7, berlin.id(), paris.id());

        assertEquals(1, configs.wholeReads.size(), "the second batch reads versions only");
        assertEquals(Discriminator.of(weather, berlin), first.get(PullInputs.key(7, berlin.id())).discriminator());
        assertSame(first.get(PullInputs.key(7, berlin.id())), second.get(PullInputs.key(7, berlin.id())));
        assertEquals(Map.of("city", "Paris"), second.get(PullInputs.key(7, paris.id())).values());
    }

    @Test
    void aReconfiguredConfigIsDerivedAgain() throws Exception {
        integration(7, weather("{\"q\":\"{{config.city}}\"}"));
        WidgetConfig config = config("{\"city\":\"Berlin\"}");
        String before = batch(7, config.id()).get(PullInputs.key(7, config.id())).discriminator();
        Thread.sleep(2);
        config.reconfigure(json("{\"city\":\"Paris\"}"));

        PullInputs.ConfigPlan after = batch(7, config.id()).get(PullInputs.key(7, config.id()));

        assertNotEquals(before, after.discriminator());
        assertEquals(Map.of("city", "Paris"), after.values());
        assertEquals(List.of(List.of(config.id()), List.of(config.id())), configs.wholeReads);
    }

    @Test
    void aChangedIntegrationIsDerivedAgain() throws Exception {
        WidgetIntegration weather = integration(7, weather("{\"q\":\"{{config.city}}\"}"));
        WidgetConfig config = config("{\"city\":\"Berlin\",\"units\":\"metric\"}");
        PullInputs.ConfigPlan before = batch(7, config.id()).get(PullInputs.key(7, config.id()));
        Thread.sleep(2);
        weather.redefine(weather("{\"q\":\"{{config.city}}\",\"units\":\"{{config.units}}\"}"));

        PullInputs.ConfigPlan after = batch(7, config.id()).get(PullInputs.key(7, config.id()));

        assertNotSame(before, after);
        assertEquals(Discriminator.of(weather, config), after.discriminator());
        assertNotEquals(before.discriminator(), after.discriminator());
        assertEquals("https://api.example/weather?q=Berlin&units=metric", inputs.definitions(Set.of(7L)).get(7L).template()
                .render(Map.of(), after.values(), Duration.ofSeconds(1)).uri().toString());
    }

    @Test
    void goneConfigsAndIntegrationsHaveNoPlan() throws Exception {
        integration(7, weather("{\"q\":\"{{config.city}}\"}"));
        WidgetConfig config = config("{\"city\":\"Berlin\"}");
        batch(7, config.id());
        configs.stored.remove(config.id());

        assertTrue(batch(7, config.id()).isEmpty());
        assertTrue(batch(8, config.id()).isEmpty());
    }

    @Test
    void theRequestIsRenderedAgainOnlyWhenItCarriesCredentials() throws Exception {
        integration(7, weather("{\"q\":\"{{config.city}}\"}"));
        WidgetConfig config = config("{\"city\":\"Berlin\"}");
        PullInputs.ConfigPlan plan = batch(7, config.id()).get(PullInputs.key(7, config.id()));
        PullInputs.Definition definition = inputs.definitions(Set.of(7L)).get(7L);
        AtomicInteger renders = new AtomicInteger();
        Duration timeout = Duration.ofSeconds(10);

        OutboundRequest first = plan.request(Map.of(), timeout, () -> {
            renders.incrementAndGet();
            return definition.template().render(Map.of(), plan.values(), timeout);
        });
        OutboundRequest again = plan.request(Map.of(), timeout, () -> {
            renders.incrementAndGet();
            return definition.template().render(Map.of(), plan.values(), timeout);
        });
        assertSame(first, again);
        assertEquals(1, renders.get());
        assertEquals("https://api.example/weather?q=Berlin", first.uri().toString());

        Map<String, String> secrets = Map.of("api_key", "k-123");
        plan.request(secrets, timeout, () -> {
            renders.incrementAndGet();
            return definition.template().render(secrets, plan.values(), timeout);
        });
        plan.request(secrets, timeout, () -> {
            renders.incrementAndGet();
            return definition.template().render(secrets, plan.values(), timeout);
        });
        assertEquals(3, renders.get(), "a request with credentials is not kept");
    }

    @Test
    void theReconcileListsEveryConfigOfTheWidgetWithItsDiscriminator() throws Exception {
        WidgetIntegration weather = integration(7, weather("{\"q\":\"{{config.city}}\"}"));
        WidgetConfig berlin = config("{\"city\":\"Berlin\"}");
        WidgetConfig paris = config("{\"city\":\"Paris\"}");
        inputs.plansOfWidget(inputs.definition(weather));

        List<PullInputs.ConfigPlan> plans = inputs.plansOfWidget(inputs.definition(weather));

        assertEquals(List.of(Discriminator.of(weather, berlin), Discriminator.of(weather, paris)),
                plans.stream().map(PullInputs.ConfigPlan::discriminator).toList());
        assertEquals(1, configs.wholeReads.size());
        assertEquals(List.of(), configs.versionReads, "the widget's list of configs carries their versions: none is looked up by id");
    }

    @Test
    void theReconcileDerivesAReconfiguredConfigAgain() throws Exception {
        WidgetIntegration weather = integration(7, weather("{\"q\":\"{{config.city}}\"}"));
        WidgetConfig config = config("{\"city\":\"Berlin\"}");
        inputs.plansOfWidget(inputs.definition(weather));
        Thread.sleep(2);
        config.reconfigure(json("{\"city\":\"Paris\"}"));

        List<PullInputs.ConfigPlan> plans = inputs.plansOfWidget(inputs.definition(weather));

        assertEquals(List.of(Discriminator.of(weather, config)), plans.stream().map(PullInputs.ConfigPlan::discriminator).toList());
        assertEquals(Map.of("city", "Paris"), plans.get(0).values());
        assertEquals(2, configs.wholeReads.size());
    }
}
