package dev.hollerith.cluster;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.PayaraProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A push widget with an unsigned push integration, an organization and widget configs of it: webhook targets for the cluster tests. */
record Push(long integrationId, String organizationId, List<String> configs, String playerKey) {

    static Push create(Api admin, String prefix) {
        return create(admin, prefix, 1);
    }

    static Push create(Api admin, String prefix, int configCount) {
        String widget = "cluster-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Cluster " + prefix + "\"}").expect(201);
        long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"widget_id": "%s", "name": "open", "integration_type": "push", "credential_scope": "widget", "credential_schema": {}}
                """.formatted(widget)).expect(201).data().getJsonNumber("id").longValue();
        String org = admin.createOrganization("Cluster " + prefix);
        Api member = admin.as(admin.createKey(org, "member"));
        List<String> configs = new ArrayList<>();
        for (int i = 0; i < configCount; i++) {
            configs.add(member.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"screen " + i + "\",\"options\":{}}").expect(201).data().getString("id"));
        }
        return new Push(integration, org, List.copyOf(configs), admin.createKey(org, "player"));
    }

    String path(String config) {
        return "webhooks/widgets/" + integrationId + "/" + config;
    }

    /** Delivers {"data":{"n":n}} to the node; returns the version it acknowledged. */
    long deliver(PayaraProcess node, String config, long n) {
        return node.api().anonymous().post(path(config), "{\"data\":{\"n\":" + n + "}}").expect(200).json()
                .getJsonNumber("version").longValue();
    }
}
