-- V4 (issue 17, "trust"): the version history of widget data and its pins, schema quarantine
-- (a version number spent on quarantined data), alerts and their endpoint, upstream budgets.
-- IF NOT EXISTS: a development database made by a build of this branch before migrations took
-- over already has them, and is adopted as it is.

CREATE TABLE IF NOT EXISTS data_revision (
    id VARCHAR(36) NOT NULL,
    content_hash VARCHAR(64),
    data VARCHAR(1000000),
    delivery_id bigint,
    discriminator VARCHAR(200) NOT NULL,
    errors VARCHAR(20000),
    integration_id bigint NOT NULL,
    organization_id VARCHAR(36),
    quarantined boolean NOT NULL,
    received_at timestamp NOT NULL,
    size_bytes integer NOT NULL,
    source VARCHAR(16) NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT data_revision_pkey PRIMARY KEY (id),
    CONSTRAINT data_revision_version UNIQUE (integration_id, discriminator, version)
);
CREATE INDEX IF NOT EXISTS data_revision_received ON data_revision (received_at);

CREATE TABLE IF NOT EXISTS data_pin (
    data_key VARCHAR(250) NOT NULL,
    discriminator VARCHAR(200) NOT NULL,
    integration_id bigint NOT NULL,
    pinned_at timestamp NOT NULL,
    pinned_by VARCHAR(100),
    version bigint NOT NULL,
    CONSTRAINT data_pin_pkey PRIMARY KEY (data_key)
);

-- rows written before this version never quarantined anything
ALTER TABLE integration_data ADD COLUMN IF NOT EXISTS reserved_version bigint;
ALTER TABLE widget_integration ADD COLUMN IF NOT EXISTS data_schema VARCHAR(1000000);
ALTER TABLE widget_integration ADD COLUMN IF NOT EXISTS budget VARCHAR(200);

CREATE TABLE IF NOT EXISTS alert (
    id VARCHAR(36) NOT NULL,
    condition_key VARCHAR(300) NOT NULL,
    detail VARCHAR(1000),
    integration_id bigint,
    open_key VARCHAR(400),
    opened_at timestamp NOT NULL,
    organization_id VARCHAR(36) NOT NULL,
    resolved_at timestamp,
    state VARCHAR(16) NOT NULL,
    type VARCHAR(32) NOT NULL,
    widget_config_id VARCHAR(36),
    CONSTRAINT alert_pkey PRIMARY KEY (id),
    CONSTRAINT alert_open_key UNIQUE (open_key)
);

CREATE TABLE IF NOT EXISTS alert_endpoint (
    organization_id VARCHAR(36) NOT NULL,
    failures_before_alert integer NOT NULL,
    forged_per_hour integer NOT NULL,
    secret_sealed VARCHAR(2000) NOT NULL,
    updated_at timestamp NOT NULL,
    url VARCHAR(2000) NOT NULL,
    CONSTRAINT alert_endpoint_pkey PRIMARY KEY (organization_id)
);

CREATE TABLE IF NOT EXISTS budget_window (
    credential_set VARCHAR(100) NOT NULL,
    used bigint NOT NULL,
    window_start timestamp NOT NULL,
    CONSTRAINT budget_window_pkey PRIMARY KEY (credential_set)
);
