-- V3: the SHA-256 of an accepted HMAC / X-API-Key delivery's body (webhooks WebhookDelivery.bodyHash),
-- by which a byte-identical re-send within the timestamp tolerance is recognised and not applied again.
-- The group commit looks up a whole batch's hashes at once, through this index.
ALTER TABLE webhook_delivery ADD COLUMN IF NOT EXISTS body_hash VARCHAR(64);
CREATE INDEX IF NOT EXISTS webhook_delivery_body ON webhook_delivery (body_hash);
