-- V2: the console's Idempotency-Key answers (platform IdempotentAnswer) and the captured webhook
-- payload (webhooks WebhookDelivery). IF NOT EXISTS: a development database made by a build of
-- these branches before migrations took over already has them, and is adopted as it is.

CREATE TABLE IF NOT EXISTS idempotent_answer (
    id VARCHAR(64) NOT NULL,
    body VARCHAR(1000000),
    content_type VARCHAR(200),
    created_at timestamp NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    status integer,
    withheld boolean NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS idempotent_answer_created ON idempotent_answer (created_at);

-- deliveries logged before this version have no captured payload
ALTER TABLE webhook_delivery ADD COLUMN IF NOT EXISTS payload VARCHAR(1000000);
ALTER TABLE webhook_delivery ADD COLUMN IF NOT EXISTS payload_truncated boolean DEFAULT FALSE NOT NULL;
ALTER TABLE webhook_delivery ADD COLUMN IF NOT EXISTS request_headers VARCHAR(4000);
