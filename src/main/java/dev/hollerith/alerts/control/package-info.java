/**
 * Alerting (issue 17): conditions are raised where they arise (pull outcomes, credential checks, schema
 * checks) and de-duplicated here, one open alert per condition until it is resolved; each change is sent
 * as a signed Standard Webhook through the outbound client, so the SSRF guard applies.
 */
package dev.hollerith.alerts.control;
