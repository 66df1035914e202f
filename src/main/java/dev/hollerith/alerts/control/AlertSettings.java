package dev.hollerith.alerts.control;

import dev.hollerith.alerts.entity.AlertEndpoint;
import dev.hollerith.crypto.control.Envelope;
import dev.hollerith.outbound.control.OutboundHttp;
import dev.hollerith.outbound.control.OutboundRefused;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.UnknownResource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * An organization's alert endpoint: a URL the SSRF guard accepts (checked when stored, and again at
 * every send, at connection time), a Standard Webhooks secret ({@code whsec_<base64>}, sealed at rest,
 * never shown back) and the thresholds.
 */
@Stateless
public class AlertSettings {

    @PersistenceContext
    EntityManager em;

    @Inject
    Envelope envelope;

    @Inject
    OutboundHttp outbound;

    public AlertEndpoint configure(String organizationId, JsonObject body) {
        if (body == null) {
            throw new InvalidRequest("A JSON request body is required");
        }
        FieldErrors errors = new FieldErrors();
        String url = body.get("url") instanceof JsonString s ? s.getString().trim() : null;
        if (url == null || url.isEmpty()) {
            errors.add("url", "is required: the http(s) URL alerts are POSTed to");
        } else if (url.length() > 2000) {
            errors.add("url", "must be at most 2000 characters");
        } else {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    errors.add("url", "must be an absolute http or https URL");
                } else {
                    outbound.checkDestination(uri);
                }
            } catch (URISyntaxException malformed) {
                errors.add("url", "is not a valid URL: " + malformed.getReason());
            } catch (OutboundRefused refused) {
                errors.add("url", refused.getMessage());
            }
        }
        String secret = body.get("secret") instanceof JsonString s ? s.getString() : null;
        if (secret == null || !secret.startsWith("whsec_") || decodedLength(secret.substring(6)) < 16) {
            errors.add("secret", "is required: whsec_ followed by at least 16 bytes in base64 (the Standard Webhooks form)");
        }
        int failures = bounded(body, "failures_before_alert", AlertRecords.DEFAULT_FAILURES_BEFORE_ALERT, 1, 1000, errors);
        int forged = bounded(body, "forged_per_hour", 50, 1, 1_000_000, errors);
        errors.throwIfAny();

        String sealed = envelope.seal(organizationId, AlertEndpoint.secretContext(organizationId), secret);
        AlertEndpoint endpoint = em.find(AlertEndpoint.class, organizationId);
        boolean created = endpoint == null;
        if (created) {
            endpoint = new AlertEndpoint(organizationId);
        }
        endpoint.configure(url, sealed, failures, forged, Instant.now());
        if (created) {
            // persisted complete: sealing may run a query, which would flush a half-set row
            em.persist(endpoint);
        }
        return endpoint;
    }

    public AlertEndpoint get(String organizationId) {
        AlertEndpoint endpoint = em.find(AlertEndpoint.class, organizationId);
        if (endpoint == null) {
            throw new UnknownResource("No alert endpoint is set for this organization");
        }
        return endpoint;
    }

    public void remove(String organizationId) {
        em.remove(get(organizationId));
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException notBase64) {
            return 0;
        }
    }

    private static int bounded(JsonObject body, String key, int fallback, int min, int max, FieldErrors errors) {
        JsonValue value = body.get(key);
        if (value == null || value == JsonValue.NULL) {
            return fallback;
        }
        if (value instanceof JsonNumber number && number.isIntegral() && number.longValue() >= min && number.longValue() <= max) {
            return number.intValue();
        }
        errors.add(key, "must be a whole number from " + min + " to " + max);
        return fallback;
    }
}
