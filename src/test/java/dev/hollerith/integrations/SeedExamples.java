package dev.hollerith.integrations;

/** Seed 002's "Create Integration" example bodies, verbatim: every test that needs them uses these. */
public final class SeedExamples {

    private SeedExamples() {
    }

    /** The three "Create Integration" bodies of seed 002, verbatim. */
    public static final String OPENWEATHER = """
            {
              "widget_id": "weather-widget",
              "name": "openweather",
              "description": "OpenWeather API Integration",
              "integration_type": "pull",
              "credential_scope": "organization",
              "credential_schema": {
                "api_key": {
                  "type": "string",
                  "required": true,
                  "label": "OpenWeather API Key",
                  "sensitive": true,
                  "help": "Get your API key from openweathermap.org"
                }
              },
              "config_schema": {
                "units": {
                  "type": "string",
                  "enum": ["metric", "imperial"],
                  "default": "metric",
                  "label": "Temperature Units"
                }
              },
              "pull_endpoint": "https://api.openweathermap.org/data/2.5/weather",
              "pull_interval_seconds": 1800,
              "pull_config": {
                "rate_limit": 60,
                "timeout": 5000
              }
            }""";
    public static final String FACEBOOK = """
            {
              "widget_id": "facebook-feed",
              "name": "facebook",
              "description": "Facebook Page Feed via Webhook",
              "integration_type": "push",
              "credential_scope": "widget",
              "credential_schema": {
                "page_id": {
                  "type": "string",
                  "required": true,
                  "label": "Facebook Page ID"
                },
                "webhook_verify_token": {
                  "type": "string",
                  "required": true,
                  "sensitive": true,
                  "label": "Webhook Verification Token"
                }
              },
              "push_webhook_path": "/facebook",
              "push_config": {
                "signature_header": "X-Hub-Signature",
                "verify_signature": true
              }
            }""";
    public static final String RSS = """
            {
              "widget_id": "rss-feed",
              "name": "rss",
              "description": "RSS Feed Integration",
              "integration_type": "pull",
              "credential_scope": "widget",
              "credential_schema": {},
              "config_schema": {
                "feed_url": {
                  "type": "string",
                  "required": true,
                  "label": "RSS Feed URL",
                  "pattern": "^https?://.+"
                },
                "max_items": {
                  "type": "number",
                  "default": 10,
                  "min": 1,
                  "max": 50,
                  "label": "Maximum Items"
                }
              },
              "pull_interval_seconds": 300
            }""";

}
