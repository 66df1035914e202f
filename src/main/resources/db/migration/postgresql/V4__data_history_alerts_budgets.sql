-- V4 (issue 17, "trust"): the version history of widget data and its pins, schema quarantine
-- (a version number spent on quarantined data), alerts and their endpoint, upstream budgets.
-- IF NOT EXISTS: a development database made by a build of this branch before migrations took
-- over already has them, and is adopted as it is.

CREATE TABLE IF NOT EXISTS data_revision (
    id character varying(36) NOT NULL,
    content_hash character varying(64),
    data character varying(1000000),
    delivery_id bigint,
    discriminator character varying(200) NOT NULL,
    errors character varying(20000),
    integration_id bigint NOT NULL,
    organization_id character varying(36),
    quarantined boolean NOT NULL,
    received_at timestamp NOT NULL,
    size_bytes integer NOT NULL,
    source character varying(16) NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT data_revision_pkey PRIMARY KEY (id),
    CONSTRAINT data_revision_version UNIQUE (integration_id, discriminator, version)
);
CREATE INDEX IF NOT EXISTS data_revision_received ON data_revision (received_at);

CREATE TABLE IF NOT EXISTS data_pin (
    data_key character varying(250) NOT NULL,
    discriminator character varying(200) NOT NULL,
    integration_id bigint NOT NULL,
    pinned_at timestamp NOT NULL,
    pinned_by character varying(100),
    version bigint NOT NULL,
    CONSTRAINT data_pin_pkey PRIMARY KEY (data_key)
);

-- rows written before this version never quarantined anything
ALTER TABLE integration_data ADD COLUMN IF NOT EXISTS reserved_version bigint;
ALTER TABLE widget_integration ADD COLUMN IF NOT EXISTS data_schema character varying(1000000);
ALTER TABLE widget_integration ADD COLUMN IF NOT EXISTS budget character varying(200);

CREATE TABLE IF NOT EXISTS alert (
    id character varying(36) NOT NULL,
    condition_key character varying(300) NOT NULL,
    detail character varying(1000),
    integration_id bigint,
    open_key character varying(400),
    opened_at timestamp NOT NULL,
    organization_id character varying(36) NOT NULL,
    resolved_at timestamp,
    state character varying(16) NOT NULL,
    type character varying(32) NOT NULL,
    widget_config_id character varying(36),
    CONSTRAINT alert_pkey PRIMARY KEY (id),
    CONSTRAINT alert_open_key UNIQUE (open_key)
);

CREATE TABLE IF NOT EXISTS alert_endpoint (
    organization_id character varying(36) NOT NULL,
    failures_before_alert integer NOT NULL,
    forged_per_hour integer NOT NULL,
    secret_sealed character varying(2000) NOT NULL,
    updated_at timestamp NOT NULL,
    url character varying(2000) NOT NULL,
    CONSTRAINT alert_endpoint_pkey PRIMARY KEY (organization_id)
);

CREATE TABLE IF NOT EXISTS budget_window (
    credential_set character varying(100) NOT NULL,
    used bigint NOT NULL,
    window_start timestamp NOT NULL,
    CONSTRAINT budget_window_pkey PRIMARY KEY (credential_set)
);
